package io.contacthub.hub.ingest;

import io.contacthub.hub.log.InteractionLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A record the sequencer decided, encoded once, and the future its caller waits on: it completes
 * once the record is durable in this node's log and the listener has seen it.
 */
record Decided(ChangeRecord record, byte[] bytes, CompletableFuture<Void> durable) {

  static Decided of(ChangeRecord record) {
    return new Decided(record, record.encode(), new CompletableFuture<>());
  }

  /**
   * Appends {@code group} to {@code log} as one group commit; once it is durable, tells {@code
   * listener} of each record in log order and completes its future. Only the sequencer appends, so
   * the group starts where the log ends now; anywhere else the order is broken and the group fails.
   */
  static void appendAll(
      InteractionLog log, IngestSequencer.ChangeListener listener, List<Decided> group) {
    long expected = log.nextSeq();
    log.append(group.stream().map(Decided::bytes).toList())
        .whenComplete(
            (first, error) -> {
              if (error == null && first != expected) {
                error = new IllegalStateException("log order broken at " + first);
              }
              for (int i = 0; i < group.size(); i++) {
                Decided d = group.get(i);
                if (error != null) {
                  d.durable().completeExceptionally(error);
                  continue;
                }
                try {
                  listener.durable(first + i, d.record());
                  d.durable().complete(null);
                } catch (RuntimeException e) {
                  d.durable().completeExceptionally(e);
                }
              }
            });
  }
}
