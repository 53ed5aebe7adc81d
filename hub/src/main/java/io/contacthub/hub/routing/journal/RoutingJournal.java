package io.contacthub.hub.routing.journal;

import io.contacthub.hub.routing.engine.RoutingState;
import java.io.Closeable;
import java.util.concurrent.CompletableFuture;

/**
 * Where the routing node writes what its operations changed ({@link RoutingRecord}s) and, now and
 * then, the whole state, so entries before it can go: a file on a single node (decision 0010),
 * Redis in cluster mode (decision 0021). Called from the routing thread only.
 */
public interface RoutingJournal extends Closeable {

  /** Appends an entry; the future completes with its position once it is durable. */
  CompletableFuture<Long> append(byte[] entry);

  /** Whether the entries since the last snapshot make a new one worth writing. */
  boolean snapshotDue();

  /**
   * Writes {@code state}, the whole state as of every entry appended so far ({@link
   * RoutingSnapshot}), and lets the entries before it go. The state is read before this returns;
   * the writing may go on after, on another thread. The future completes with the snapshot's size
   * in bytes once it is durable.
   */
  CompletableFuture<Long> snapshot(RoutingState state);

  /** Snapshots are written as fast as they can be from now on (the hub is stopping). */
  default void hurry() {}
}
