package io.contacthub.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays an open loop's slow requests (or the timeline phase's slow pages) next to what the hub did
 * meanwhile: its collector's pauses from its GC log ({@code -Xlog:gc:file=...:time}), index commits
 * and routing snapshots from its own log (both say how long they took), and the bursts of the
 * kernel's memory-management threads ({@link KernelThreadBursts}), which hold a core whatever runs
 * in the hub. A request falls in an event's window when it was due from 0.1 s before the event
 * began until 0.3 s after it ended (a stall delays the requests queued behind it too; for kernel
 * bursts, 20 ms before and 10 ms after). For each kind of event it gives the share of the requests
 * due in its windows that were slow, against the share among the requests due outside every window:
 * a count alone would grow with the windows' length (a routing snapshot is written over some 15 s).
 */
final class SlowRequestCauses {

  private static final double BEFORE = 0.1;
  private static final double AFTER = 0.3;
  private static final String KERNEL_BURST = "kernel thread burst";

  /**
   * A kernel thread's burst holds one core for tens of milliseconds at most, twice a second on the
   * machine that showed them, so its window is narrow: the requests in flight when it began (most
   * take a few milliseconds) and those due while it ran.
   */
  private static final double KERNEL_BEFORE = 0.02;

  private static final double KERNEL_AFTER = 0.01;
  private static final String[] KINDS = {
    "young pause", "mixed pause", "other pause", "Index commit", "Routing snapshot", KERNEL_BURST
  };
  private static final Pattern PAUSE =
      Pattern.compile("^\\[(\\S+)\\] GC\\(\\d+\\) Pause (\\S+).* ([\\d.]+)ms$");
  private static final Pattern HUB_EVENT =
      Pattern.compile(
          "^(\\d\\d:\\d\\d:\\d\\d\\.\\d+) .*(Index commit|Routing snapshot).*? (\\d+) ms.*$");
  private static final DateTimeFormatter GC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

  /**
   * An interval of wall-clock time, in epoch seconds, and how long before and after it a request
   * was due to count as delayed by it.
   */
  private record Event(String what, double start, double end, double before, double after) {

    Event(String what, double start, double end) {
      this(what, start, end, BEFORE, AFTER);
    }

    boolean holds(double due) {
      return due >= start - before && due <= end + after;
    }
  }

  /** Requests due in some stretch of the open loop, and how many of them were slow. */
  private static final class Share {
    int due;
    int slow;

    void count(boolean isSlow) {
      due++;
      slow += isSlow ? 1 : 0;
    }

    String describe() {
      return String.format(
          Locale.ROOT, "%,d of %,d (%.1f%%)", slow, due, due == 0 ? 0.0 : 100.0 * slow / due);
    }
  }

  /** The latencies of the requests due outside every window: what the hub gives meanwhile. */
  private static final class Quiet {
    final List<Double> millis = new ArrayList<>();

    String describe() {
      if (millis.isEmpty()) {
        return "";
      }
      millis.sort(null);
      return String.format(
          Locale.ROOT,
          ", their p50 / p99 %.2f / %.2f ms",
          millis.get(millis.size() / 2),
          millis.get((int) Math.min(millis.size() - 1, Math.floor(millis.size() * 0.99))));
    }
  }

  private SlowRequestCauses() {}

  /**
   * Describes a kept run again: {@code SlowRequestCauses <bench work dir>} (the directory with
   * {@code latency-open-loop.tsv}, the hub's GC log, {@code hub.log} and the kernel threads'
   * bursts).
   */
  public static void main(String[] args) throws IOException {
    Path work = Path.of(args.length > 0 ? args[0] : "target/bench");
    System.out.println(
        describe(
            work.resolve("latency-open-loop.tsv"),
            work.resolve(HubRun.GC_LOG),
            work.resolve("hub.log"),
            work.resolve(HubRun.KERNEL_BURSTS),
            10));
  }

  /**
   * Appends a request to a latency log as {@link #describe} reads it: when it was due or sent
   * (epoch milliseconds) and how long it took (milliseconds), tab-separated.
   */
  static void logLine(StringBuilder log, double sentMillis, long latencyNanos) {
    log.append(sentMillis).append('\t').append(latencyNanos / 1e6).append('\n');
  }

  /**
   * One line: how many requests of {@code latencyLog} took over {@code slowMillis}; for each kind
   * of event, how many occurred and how many of the requests due in their windows were slow (a
   * request can fall in several kinds' windows); and the same for the requests due outside every
   * window, with their p50 and p99.
   */
  static String describe(
      Path latencyLog, Path gcLog, Path hubLog, Path kernelBursts, double slowMillis)
      throws IOException {
    List<double[]> requests = new ArrayList<>();
    for (String line : Files.readAllLines(latencyLog)) {
      String[] f = line.split("\t");
      requests.add(new double[] {Double.parseDouble(f[0]) / 1000, Double.parseDouble(f[1])});
    }
    if (requests.isEmpty()) {
      return "no requests";
    }
    double first = requests.get(0)[0];
    double last = requests.get(requests.size() - 1)[0];
    List<Event> events = new ArrayList<>(pauses(gcLog));
    events.addAll(hubEvents(hubLog, first));
    events.addAll(kernelBursts(kernelBursts));
    events.removeIf(e -> e.end() + e.after() < first || e.start() - e.before() > last);
    Map<String, Share> inside = new LinkedHashMap<>();
    for (String kind : KINDS) {
      inside.put(kind, new Share());
    }
    Share outside = new Share();
    Quiet quiet = new Quiet();
    int slow = 0;
    for (double[] request : requests) {
      boolean isSlow = request[1] > slowMillis;
      slow += isSlow ? 1 : 0;
      boolean inAny = false;
      for (String kind : KINDS) {
        if (in(request[0], events, kind)) {
          inside.get(kind).count(isSlow);
          inAny = true;
        }
      }
      if (!inAny) {
        outside.count(isSlow);
        quiet.millis.add(request[1]);
      }
    }
    List<String> parts = new ArrayList<>();
    for (String kind : KINDS) {
      long occurred = events.stream().filter(e -> e.what().equals(kind)).count();
      String name = kind.toLowerCase(Locale.ROOT) + "s";
      parts.add(
          occurred == 0
              ? name + ": none"
              : String.format(
                  Locale.ROOT, "%s (%d): %s", name, occurred, inside.get(kind).describe()));
    }
    return String.format(
        Locale.ROOT,
        "%,d requests over %.0f ms; slow of those due in the windows of %s; outside every window:"
            + " %s%s",
        slow,
        slowMillis,
        String.join(", ", parts),
        outside.describe(),
        quiet.describe());
  }

  private static boolean in(double due, List<Event> events, String kind) {
    for (Event e : events) {
      if (e.what().equals(kind) && e.holds(due)) {
        return true;
      }
    }
    return false;
  }

  private static List<Event> pauses(Path gcLog) throws IOException {
    List<Event> pauses = new ArrayList<>();
    if (!Files.exists(gcLog)) {
      return pauses;
    }
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = PAUSE.matcher(line);
      if (m.matches()) {
        Instant end = OffsetDateTime.parse(m.group(1), GC_TIME).toInstant();
        double endSeconds = end.toEpochMilli() / 1000.0;
        double seconds = Double.parseDouble(m.group(3)) / 1000;
        String kind =
            line.contains("(Mixed)")
                ? "mixed pause"
                : m.group(2).equals("Young") ? "young pause" : "other pause";
        pauses.add(new Event(kind, endSeconds - seconds, endSeconds));
      }
    }
    return pauses;
  }

  /** Lines of start and end (epoch milliseconds), CPU milliseconds and thread name. */
  private static List<Event> kernelBursts(Path bursts) throws IOException {
    List<Event> events = new ArrayList<>();
    if (!Files.exists(bursts)) {
      return events;
    }
    for (String line : Files.readAllLines(bursts)) {
      String[] f = line.split("\t");
      events.add(
          new Event(
              KERNEL_BURST,
              Double.parseDouble(f[0]) / 1000,
              Double.parseDouble(f[1]) / 1000,
              KERNEL_BEFORE,
              KERNEL_AFTER));
    }
    return events;
  }

  /** The hub logs local times of day; the day is the open loop's. */
  private static List<Event> hubEvents(Path hubLog, double aroundEpochSeconds) throws IOException {
    List<Event> events = new ArrayList<>();
    ZoneId zone = ZoneId.systemDefault();
    LocalDate day =
        Instant.ofEpochMilli((long) (aroundEpochSeconds * 1000)).atZone(zone).toLocalDate();
    for (String line : Files.readAllLines(hubLog)) {
      Matcher m = HUB_EVENT.matcher(line);
      if (m.matches()) {
        double end =
            LocalTime.parse(m.group(1)).atDate(day).atZone(zone).toInstant().toEpochMilli()
                / 1000.0;
        events.add(new Event(m.group(2), end - Long.parseLong(m.group(3)) / 1000.0, end));
      }
    }
    return events;
  }
}
