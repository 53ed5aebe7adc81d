package io.contacthub.hub.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** A latency distribution: recorded in nanoseconds (1 µs to 5 min, 3 digits), read in ms. */
public final class Latencies {

  private static final long HIGHEST = TimeUnit.MINUTES.toNanos(5);

  private final Histogram histogram = new Histogram(1_000, HIGHEST, 3);

  public synchronized void record(long nanos) {
    histogram.recordValue(Math.clamp(nanos, 1_000, HIGHEST));
  }

  public synchronized long count() {
    return histogram.getTotalCount();
  }

  public synchronized double millisAt(double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1e6;
  }

  public synchronized double maxMillis() {
    return histogram.getMaxValue() / 1e6;
  }

  synchronized void addAll(Latencies other) {
    histogram.add(other.histogram);
  }

  public String summary() {
    return String.format(
        Locale.ROOT,
        "n=%d p50=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms",
        count(),
        millisAt(50),
        millisAt(99),
        millisAt(99.9),
        maxMillis());
  }
}
