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
  private final List<Decided> decided = new ArrayList<>();

  AppendGroup(InteractionLog log, IngestSequencer.ChangeListener listener) {
    this.log = log;
    this.listener = listener;
  }

  /**
   * Adds a decided record; the future completes once it is durable and the listener has seen it.
   */
  CompletableFuture<Void> add(ChangeRecord record) {
    Decided d = Decided.of(record);
    decided.add(d);
    return d.durable();
  }

  /** Records added and not yet appended: they hold the sequence numbers after the log's end. */
  int size() {
    return decided.size();
  }

  /** Appends the group to the log. */
  void append() {
    if (decided.isEmpty()) {
      return;
    }
    List<Decided> group = List.copyOf(decided);
    decided.clear();
    Decided.appendAll(log, listener, group);
  }
}
