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
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays an open loop's slow requests next to what the hub did meanwhile: its collector's pauses from
 * its GC log ({@code -Xlog:gc:file=...:time}), index commits and routing snapshots from its own log
 * (both say how long they took). A request counts for an event when it was due from 0.1 s before
 * the event began until 0.3 s after it ended (a stall delays the requests queued behind it too).
 */
final class SlowRequestCauses {

  private static final double BEFORE = 0.1;
  private static final double AFTER = 0.3;
  private static final Pattern PAUSE =
      Pattern.compile("^\\[(\\S+)\\] GC\\(\\d+\\) Pause (\\S+).* ([\\d.]+)ms$");
  private static final Pattern HUB_EVENT =
      Pattern.compile(
          "^(\\d\\d:\\d\\d:\\d\\d\\.\\d+) .*(Index commit|Routing snapshot).*? (\\d+) ms.*$");
  private static final DateTimeFormatter GC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

  /** An interval of the hub's wall-clock time, in epoch seconds. */
  private record Event(String what, double start, double end) {}

  private SlowRequestCauses() {}

  /**
   * One line: how many requests of {@code latencyLog} took over {@code slowMillis}, and how many of
   * them fell next to pauses, commits and snapshots (a request can fall next to several).
   */
  static String describe(Path latencyLog, Path gcLog, Path hubLog, double slowMillis)
      throws IOException {
    List<double[]> slow = new ArrayList<>();
    for (String line : Files.readAllLines(latencyLog)) {
      String[] f = line.split("\t");
      double latency = Double.parseDouble(f[1]);
      if (latency > slowMillis) {
        slow.add(new double[] {Double.parseDouble(f[0]) / 1000, latency});
      }
    }
    if (slow.isEmpty()) {
      return String.format(Locale.ROOT, "no request over %.0f ms", slowMillis);
    }
    double first = slow.get(0)[0];
    List<Event> events = new ArrayList<>(pauses(gcLog));
    events.addAll(hubEvents(hubLog, first));
    String[] kinds = {
      "young pause", "mixed pause", "other pause", "Index commit", "Routing snapshot"
    };
    double lastDue = slow.get(slow.size() - 1)[0];
    List<String> parts = new ArrayList<>();
    boolean[] explained = new boolean[slow.size()];
    for (String kind : kinds) {
      long occurred =
          events.stream()
              .filter(
                  e -> e.what().equals(kind) && e.end() >= first - 1 && e.start() <= lastDue + 1)
              .count();
      int next = 0;
      for (int i = 0; i < slow.size(); i++) {
        if (near(slow.get(i)[0], events, kind)) {
          next++;
          explained[i] = true;
        }
      }
      parts.add(
          String.format(
              Locale.ROOT, "%ss (%d): %,d", kind.toLowerCase(Locale.ROOT), occurred, next));
    }
    int none = 0;
    for (boolean e : explained) {
      none += e ? 0 : 1;
    }
    return String.format(
        Locale.ROOT,
        "%,d requests over %.0f ms; next to %s; next to none of these: %,d",
        slow.size(),
        slowMillis,
        String.join(", ", parts),
        none);
  }

  private static boolean near(double due, List<Event> events, String what) {
    for (Event e : events) {
      if (e.what().equals(what) && due >= e.start() - BEFORE && due <= e.end() + AFTER) {
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
