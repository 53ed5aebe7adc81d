package io.contacthub.hub.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CPU seconds per kind of thread of the hub (numbered threads of one pool added up), from a thread
 * dump: where the hub's time goes, without a profiler.
 */
final class ThreadCpu {

  private static final Pattern THREAD =
      Pattern.compile("^\"([^\"]+)\".*? cpu=([0-9.]+)ms", Pattern.MULTILINE);

  private final Map<String, Double> seconds;

  private ThreadCpu(Map<String, Double> seconds) {
    this.seconds = seconds;
  }

  static ThreadCpu parse(String threadDump) {
    Map<String, Double> seconds = new HashMap<>();
    Matcher m = THREAD.matcher(threadDump);
    while (m.find()) {
      String kind = m.group(1).replaceAll("[0-9]+", "N");
      seconds.merge(kind, Double.parseDouble(m.group(2)) / 1000, Double::sum);
    }
    return new ThreadCpu(seconds);
  }

  /** The CPU used since {@code earlier}, per kind of thread. */
  ThreadCpu since(ThreadCpu earlier) {
    Map<String, Double> delta = new HashMap<>();
    seconds.forEach((k, v) -> delta.put(k, v - earlier.seconds.getOrDefault(k, 0.0)));
    return new ThreadCpu(delta);
  }

  /** The {@code top} kinds of thread by CPU, e.g. "hub-indexer 12.3 s, ...". */
  String top(int top) {
    return seconds.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(top)
        .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
