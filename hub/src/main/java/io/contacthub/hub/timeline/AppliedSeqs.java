package io.contacthub.hub.timeline;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Maps log sequence numbers to index writer generations, so "is seq 42 searchable?" becomes "has
 * the searcher caught up with the generation recorded when 42 was applied?".
 */
final class AppliedSeqs {

  /** Applied but maybe not yet searchable, oldest first; short (one refresh interval's worth). */
  private final ArrayDeque<Mark> pending = new ArrayDeque<>();

  private long applied;
  private long searchable;

  AppliedSeqs(long initialSeq) {
    this.applied = initialSeq;
    this.searchable = initialSeq;
  }

  /** Records that every change up to {@code seq} is in the writer as of {@code generation}. */
  synchronized void applied(long seq, long generation) {
    if (seq <= applied) {
      return; // a replay of older records does not move the mark back
    }
    applied = seq;
    pending.addLast(new Mark(seq, generation));
    notifyAll();
  }

  synchronized long applied() {
    return applied;
  }

  /** The highest applied seq whose generation the current searcher includes. */
  synchronized long searchable(long searchingGeneration) {
    while (!pending.isEmpty() && pending.peekFirst().generation() <= searchingGeneration) {
      searchable = pending.pollFirst().seq();
    }
    return searchable;
  }

  /**
   * Waits until {@code seq} is applied and returns the generation that makes it searchable (0 if it
   * already is), or -1 if {@code deadlineNanos} passes first.
   */
  synchronized long awaitApplied(long seq, long deadlineNanos) throws InterruptedException {
    while (applied < seq) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return -1;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    for (Mark mark : pending) {
      if (mark.seq() >= seq) {
        return mark.generation();
      }
    }
    return 0;
  }

  private record Mark(long seq, long generation) {}
}
