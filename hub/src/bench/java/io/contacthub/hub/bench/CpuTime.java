package io.contacthub.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds a process has used (user + system, from /proc), to tell how the two cores were shared
 * between the hub and the load generator.
 */
final class CpuTime {

  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private CpuTime() {}

  static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The CPU seconds of several processes together (the hubs and Redis of a cluster, say). */
  static double total(long[] pids) {
    double total = 0;
    for (long pid : pids) {
      total += seconds(pid);
    }
    return total;
  }

  static double self() {
    return seconds(ProcessHandle.current().pid());
  }
}
