package io.contacthub.hub.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of the hub's timers as a scrape of {@code /metrics} shows it (its histogram buckets and
 * count), and what happened between two scrapes. Percentiles are the upper bounds of the buckets
 * that hold them.
 */
record ScrapedTimer(TreeMap<Double, Double> cumulative, double count) {

  /**
   * @param name the timer's name in the scrape, e.g. {@code hub_log_commit_seconds}
   */
  static ScrapedTimer parse(String scrape, String name) {
    String bucket = name + "_bucket{";
    TreeMap<Double, Double> buckets = new TreeMap<>();
    double count = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(bucket)) {
        int le = line.indexOf("le=\"") + 4;
        String bound = line.substring(le, line.indexOf('"', le));
        double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
        buckets.merge(upper, value(line), Double::sum);
      } else if (line.startsWith(name + "_count")) {
        count += value(line);
      }
    }
    return new ScrapedTimer(buckets, count);
  }

  /** What happened after {@code earlier}. */
  ScrapedTimer since(ScrapedTimer earlier) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    cumulative.forEach(
        (bound, n) -> delta.put(bound, n - earlier.cumulative.getOrDefault(bound, 0.0)));
    return new ScrapedTimer(delta, count - earlier.count);
  }

  /** The upper bound, in ms, of the bucket holding the {@code percentile}th observation. */
  double millisAt(double percentile) {
    double wanted = count * percentile / 100;
    for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
      if (e.getValue() >= wanted) {
        return e.getKey() * 1000;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** "p50 ≤ x ms, p90 ≤ y ms, p99 ≤ z ms". */
  String percentiles() {
    return String.format(
        Locale.ROOT,
        "p50 ≤ %.2f ms, p90 ≤ %.2f ms, p99 ≤ %.2f ms",
        millisAt(50),
        millisAt(90),
        millisAt(99));
  }

  static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
