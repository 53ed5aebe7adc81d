package io.contacthub.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  /** A thread dump of process {@code pid} by the JDK's jcmd (a process of its own may dump us). */
  static ThreadCpu of(long pid) throws IOException, InterruptedException {
    Path jcmd =
        Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd Thread.print failed:\n" + out);
    }
    return parse(out);
  }

  /** CPU of the JIT compiler threads: warm-up, not work, so left out of per-item costs. */
  double compilation() {
    return seconds.entrySet().stream()
        .filter(e -> e.getKey().contains("CompilerThread"))
        .mapToDouble(Map.Entry::getValue)
        .sum();
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
