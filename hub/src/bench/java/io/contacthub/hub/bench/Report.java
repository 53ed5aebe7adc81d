package io.contacthub.hub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures against their targets, as a Markdown table, plus the details behind them. */
final class Report {

  private record Row(String figure, String measured, String target, Boolean met) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> details = new ArrayList<>();

  /** A figure; {@code met} is null when it has no target. */
  void figure(String figure, String measured, String target, Boolean met) {
    rows.add(new Row(figure, measured, target, met));
  }

  void detail(String line) {
    details.add(line);
    System.out.println("  " + line);
    System.out.flush();
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| Figure | Measured | Target | Met |\n|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| ")
          .append(r.figure())
          .append(" | ")
          .append(r.measured())
          .append(" | ")
          .append(r.target())
          .append(" | ")
          .append(r.met() == null ? "" : r.met() ? "yes" : "**no**")
          .append(" |\n");
    }
    b.append("\nDetails:\n\n");
    details.forEach(d -> b.append("- ").append(d).append('\n'));
    return b.toString();
  }

  /** A progress line on the console, with the time. */
  static void say(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "[%tT] %s%n",
        System.currentTimeMillis(),
        String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  /** "p50 / p99" of a distribution, in milliseconds. */
  static String p50p99(Latencies l) {
    return String.format(Locale.ROOT, "%.1f ms / %.1f ms", l.millisAt(50), l.millisAt(99));
  }

  void print(PrintStream out, Path file) throws IOException {
    String md = markdown();
    out.println();
    out.println(md);
    Files.writeString(file, md);
    out.println("(written to " + file.toAbsolutePath() + ")");
  }
}
