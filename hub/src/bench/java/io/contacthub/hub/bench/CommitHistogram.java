package io.contacthub.hub.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hub's log group commits between two scrapes of {@code /metrics}: how many, how many records
 * each, and how long their write and sync took (upper bounds of the histogram's buckets). An
 * acknowledgement waits for one, so this splits an ack latency tail between the disk and the rest.
 */
record CommitHistogram(TreeMap<Double, Double> cumulative, double count, double records) {

  private static final String BUCKET = "hub_log_commit_seconds_bucket{";

  static CommitHistogram parse(String scrape) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    double count = 0;
    double records = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(BUCKET)) {
        int le = line.indexOf("le=\"") + 4;
        String bound = line.substring(le, line.indexOf('"', le));
        double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
        buckets.merge(upper, value(line), Double::sum);
      } else if (line.startsWith("hub_log_commit_seconds_count")) {
        count += value(line);
      } else if (line.startsWith("hub_log_commit_records_sum")) {
        records += value(line);
      }
    }
    return new CommitHistogram(buckets, count, records);
  }

  /** What happened after {@code earlier}. */
  CommitHistogram since(CommitHistogram earlier) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    cumulative.forEach(
        (bound, n) -> delta.put(bound, n - earlier.cumulative.getOrDefault(bound, 0.0)));
    return new CommitHistogram(delta, count - earlier.count, records - earlier.records);
  }

  /** The upper bound, in ms, of the bucket holding the {@code percentile}th commit. */
  double millisAt(double percentile) {
    double wanted = count * percentile / 100;
    for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
      if (e.getValue() >= wanted) {
        return e.getKey() * 1000;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "%,.0f group commits, %.1f records each; write and sync p50 ≤ %.2f ms, p90 ≤ %.2f ms,"
            + " p99 ≤ %.2f ms (histogram bucket bounds)",
        count,
        count == 0 ? 0 : records / count,
        millisAt(50),
        millisAt(90),
        millisAt(99));
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
