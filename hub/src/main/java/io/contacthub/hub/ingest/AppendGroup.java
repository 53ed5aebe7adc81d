package io.contacthub.hub.ingest;

import io.contacthub.hub.log.InteractionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The records the sequencer decided since its queue was last empty, appended to the log as one
 * group once it empties (embedded mode). Appended one at a time, each record woke the log's writer,
 * which then wrote and synced every record or two: that cost about as much CPU as deciding the
 * record. A batch request is now one write and one sync, and single requests that queue up together
 * share theirs. Sequencer thread only.
 */
final class AppendGroup {

  private final InteractionLog log;
  private final IngestSequencer.ChangeListener listener;
  private final List<byte[]> encoded = new ArrayList<>();
  private final List<ChangeRecord> records = new ArrayList<>();
  private final List<CompletableFuture<Void>> durable = new ArrayList<>();

  AppendGroup(InteractionLog log, IngestSequencer.ChangeListener listener) {
    this.log = log;
    this.listener = listener;
  }

  /**
   * Adds a decided record; the future completes once it is durable and the listener has seen it.
   */
  CompletableFuture<Void> add(ChangeRecord record) {
    encoded.add(record.encode());
    records.add(record);
    CompletableFuture<Void> done = new CompletableFuture<>();
    durable.add(done);
    return done;
  }

  /** Records added and not yet appended: they hold the sequence numbers after the log's end. */
  int size() {
    return records.size();
  }

  /** Appends the group to the log. */
  void append() {
    if (records.isEmpty()) {
      return;
    }
    List<ChangeRecord> appended = List.copyOf(records);
    List<CompletableFuture<Void>> done = List.copyOf(durable);
    CompletableFuture<Long> written = log.append(encoded);
    encoded.clear();
    records.clear();
    durable.clear();
    written.whenComplete(
        (firstSeq, error) -> {
          for (int i = 0; i < appended.size(); i++) {
            if (error != null) {
              done.get(i).completeExceptionally(error);
              continue;
            }
            try {
              listener.durable(firstSeq + i, appended.get(i));
              done.get(i).complete(null);
            } catch (RuntimeException e) {
              done.get(i).completeExceptionally(e);
            }
          }
        });
  }
}
