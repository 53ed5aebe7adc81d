package io.contacthub.hub.ingest;

import io.contacthub.hub.timeline.RefreshObserver;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Times how long durable records wait until search shows them, from the indexed batches the
 * projector reports and the refreshes the index reports: a batch is searchable from the first
 * refresh whose searchable seq reaches it, and counts once, for its oldest record (the longest wait
 * in it). Also times the refreshes themselves.
 */
final class SearchableDelays implements IndexProjector.AppliedObserver, RefreshObserver {

  /**
   * Batches kept until a refresh shows them: several refresh intervals' worth at any rate. Beyond
   * it (refreshes have stopped) the oldest are dropped, so memory stays bounded; the index lag
   * gauge shows that state.
   */
  static final int MAX_PENDING = 10_000;

  private record Batch(long upToSeq, long oldestDurableNanos) {}

  private final Timer delays;
  private final Timer refreshes;
  private final ArrayDeque<Batch> pending = new ArrayDeque<>();

  SearchableDelays(Timer delays, Timer refreshes) {
    this.delays = delays;
    this.refreshes = refreshes;
  }

  @Override
  public synchronized void applied(long upToSeq, long oldestDurableNanos) {
    if (pending.size() >= MAX_PENDING) {
      pending.pollFirst();
    }
    pending.addLast(new Batch(upToSeq, oldestDurableNanos));
  }

  @Override
  public void refreshed(long nanos, long searchableSeq) {
    refreshes.record(nanos, TimeUnit.NANOSECONDS);
    long now = System.nanoTime();
    synchronized (this) {
      while (!pending.isEmpty() && pending.peekFirst().upToSeq() <= searchableSeq) {
        delays.record(now - pending.pollFirst().oldestDurableNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }
}
