package io.contacthub.hub.log;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The hub's source of truth: an append-only log of records, each with a sequence number. The Lucene
 * index and the in-memory state are projections rebuilt from it.
 */
public interface InteractionLog extends Closeable {

  /**
   * Appends records in the order given, after every record of earlier calls. The future completes
   * once all of them are on disk (fsync), with the sequence number of the first; the others follow
   * consecutively. Concurrent appends share one fsync (group commit). Must be called from one
   * thread at a time: the sequence numbers are assigned in call order, and the futures complete in
   * that order. A failed future leaves it unknown whether the records are durable (a reopened log
   * may hold them), so a retry must be idempotent.
   */
  CompletableFuture<Long> append(List<byte[]> records);

  /** Tells {@code observer} of every group commit from now on (replaces an earlier one). */
  void observeCommits(CommitObserver observer);

  /** The sequence number the next appended record will get. */
  long nextSeq();

  /**
   * Reads every durable record with sequence number {@code >= fromSeq}, in order. Blocking. Fails
   * rather than skip a record that is damaged or was reclaimed.
   */
  void replay(long fromSeq, RecordConsumer consumer) throws IOException;

  /**
   * Frees the space of records below {@code seq} (whole segments only): called once the index
   * commit holds everything below it.
   */
  void reclaimBefore(long seq) throws IOException;

  /** Receives records during replay. */
  @FunctionalInterface
  interface RecordConsumer {
    void accept(long seq, byte[] record) throws IOException;
  }
}
