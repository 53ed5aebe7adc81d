package io.contacthub.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures depend on: cores, JDK, and how busy the machine was. */
final class MachineFacts {

  private MachineFacts() {}

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String jdk() {
    return System.getProperty("java.vm.vendor")
        + " "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ")";
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " ");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * The report line about the machine; {@code heap} says what ran with which heap ("hub -Xmx2g").
   */
  static String summary(String heap) {
    return String.format(
        Locale.ROOT, "machine: %d cores, %s; %s; JDK %s", cores(), memory(), heap, jdk());
  }

  /** The report line about how busy the machine was, from {@code atStart} until now. */
  static String loadSince(String atStart) {
    return "load average (1/5/15 min) at start " + atStart + ", at end " + loadAverage();
  }
}
