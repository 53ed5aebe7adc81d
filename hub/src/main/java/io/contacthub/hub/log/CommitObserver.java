package io.contacthub.hub.log;

/**
 * Told of each group commit on the writer thread: how many records it made durable and how long
 * writing and syncing them took. A slow sync delays every acknowledgement waiting for it, so this
 * is where a latency tail caused by the disk shows.
 */
@FunctionalInterface
public interface CommitObserver {

  CommitObserver NONE = (records, nanos) -> {};

  void committed(int records, long nanos);
}
