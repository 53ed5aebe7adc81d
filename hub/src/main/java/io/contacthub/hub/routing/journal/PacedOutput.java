package io.contacthub.hub.routing.journal;

import io.contacthub.hub.log.SteppedOutput;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;

/**
 * An output that waits whenever it is ahead of a pace in bytes per second, so that a large write
 * takes a share of a core over seconds instead of all of it at once (as Lucene paces its merges).
 * The pace is read at every check, and lifted (infinite) it ends a wait at once.
 */
public final class PacedOutput extends SteppedOutput {

  /** Bytes between two checks of the pace: about 8 ms of writing at 8 MB/s. */
  private static final int CHECK_EVERY = 64 * 1024;

  private final DoubleSupplier bytesPerSecond;
  private long paceFrom = System.nanoTime();

  public PacedOutput(OutputStream out, DoubleSupplier bytesPerSecond) {
    super(out, CHECK_EVERY);
    this.bytesPerSecond = bytesPerSecond;
  }

  /**
   * Waits until the bytes since the last check are due at the pace. Time lost behind the pace (the
   * writer waiting for a core) is not made up in a burst.
   */
  @Override
  protected void stepped(long bytes) throws InterruptedIOException {
    long due = paceFrom + (long) (bytes / bytesPerSecond.getAsDouble() * 1e9);
    long now = System.nanoTime();
    paceFrom = Math.max(due, now);
    while (now < due) {
      LockSupport.parkNanos(Math.min(due - now, 10_000_000));
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while pacing a write");
      }
      if (bytesPerSecond.getAsDouble() == Double.POSITIVE_INFINITY) {
        paceFrom = System.nanoTime();
        return;
      }
      now = System.nanoTime();
    }
  }
}
