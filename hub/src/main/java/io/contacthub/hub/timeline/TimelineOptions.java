package io.contacthub.hub.timeline;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the timeline index, built once from configuration.
 *
 * @param maxStale the longest an applied document may stay invisible to searches; the background
 *     refresh runs at least this often
 * @param minStale the shortest gap between two refreshes when a caller waits for a document; keeps
 *     a burst of waiting callers from reopening the index back to back
 * @param ramBufferMb indexing memory before a segment is flushed (NRT refreshes flush sooner)
 */
public record TimelineOptions(Duration maxStale, Duration minStale, double ramBufferMb) {

  public static final Duration DEFAULT_MAX_STALE = Duration.ofMillis(100);
  public static final Duration DEFAULT_MIN_STALE = Duration.ofMillis(10);
  public static final double DEFAULT_RAM_BUFFER_MB = 64;
  public static final TimelineOptions DEFAULT =
      new TimelineOptions(DEFAULT_MAX_STALE, DEFAULT_MIN_STALE, DEFAULT_RAM_BUFFER_MB);

  public TimelineOptions {
    Objects.requireNonNull(maxStale, "maxStale");
    Objects.requireNonNull(minStale, "minStale");
    if (minStale.isNegative() || maxStale.compareTo(minStale) < 0) {
      throw new IllegalArgumentException("need 0 <= minStale <= maxStale");
    }
    if (!(ramBufferMb > 0)) {
      throw new IllegalArgumentException("ramBufferMb must be positive");
    }
  }

  public TimelineOptions withMaxStale(Duration value) {
    return new TimelineOptions(value, minStale, ramBufferMb);
  }
}
