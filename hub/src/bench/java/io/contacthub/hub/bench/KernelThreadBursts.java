package io.contacthub.hub.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the kernel's memory-management threads (DAMON's {@code kdamond}, {@code kswapd}, {@code
 * kcompactd}, {@code khugepaged}) while a phase runs, and keeps each stretch in which one of them
 * ran for at least {@link #MIN_BURST_MILLIS} of CPU. On a kernel built without preemption such a
 * thread keeps its core until it yields: every thread queued on that core waits for it, whatever
 * its priority. On one machine of this bench DAMON's page-out, walking a hub's heap of small pages
 * one at a time, did that for up to 60 ms, twice a second.
 *
 * <p>It reads each thread's run time ({@code /proc/<pid>/schedstat}, nanoseconds) every {@link
 * #POLL_MILLIS}; a burst ends at the first poll that finds the time unchanged. Bursts go to a file,
 * one line each: start and end (epoch milliseconds), CPU milliseconds, thread name.
 */
final class KernelThreadBursts implements AutoCloseable {

  static final long POLL_MILLIS = 2;
  static final double MIN_BURST_MILLIS = 5;
  private static final String[] WATCHED = {"kdamond", "kswapd", "kcompactd", "khugepaged"};

  /** One watched kernel thread and the burst it may be in. */
  private static final class Watched {
    final Path schedstat;
    final String name;
    long runNanos;
    long burstNanos;
    double burstStart = Double.NaN;
    int bursts;
    double maxBurstMillis;

    Watched(Path schedstat, String name, long runNanos) {
      this.schedstat = schedstat;
      this.name = name;
      this.runNanos = runNanos;
    }
  }

  private final List<Watched> watched;
  private final Path out;
  private final StringBuilder lines = new StringBuilder();
  private final Thread poller;
  private volatile boolean stopped;

  private KernelThreadBursts(List<Watched> watched, Path out) {
    this.watched = watched;
    this.out = out;
    this.poller = Thread.ofPlatform().daemon().name("kernel-thread-bursts").unstarted(this::poll);
  }

  /** Starts watching; {@link #close()} stops and writes {@code out}. */
  static KernelThreadBursts start(Path out) {
    KernelThreadBursts bursts = new KernelThreadBursts(find(), out);
    bursts.poller.start();
    return bursts;
  }

  private static List<Watched> find() {
    List<Watched> found = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          String name = Files.readString(proc.resolve("comm")).strip();
          if (watchedName(name) && isKernelThread(proc)) {
            Path schedstat = proc.resolve("schedstat");
            found.add(new Watched(schedstat, name, runNanos(schedstat)));
          }
        } catch (IOException | RuntimeException gone) {
          // a process that ended while listed
        }
      }
    } catch (IOException noProc) {
      // not Linux: nothing to watch
    }
    return found;
  }

  private static boolean watchedName(String name) {
    for (String prefix : WATCHED) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Kernel threads are children of kthreadd (pid 2). */
  private static boolean isKernelThread(Path proc) throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1].equals("2");
  }

  private static long runNanos(Path schedstat) throws IOException {
    String s = Files.readString(schedstat);
    return Long.parseLong(s.substring(0, s.indexOf(' ')));
  }

  private void poll() {
    while (!stopped) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
      double now = System.currentTimeMillis();
      for (Watched w : watched) {
        long run;
        try {
          run = runNanos(w.schedstat);
        } catch (IOException | RuntimeException e) {
          continue;
        }
        long ran = run - w.runNanos;
        w.runNanos = run;
        if (ran > 0) {
          if (Double.isNaN(w.burstStart)) {
            w.burstStart = now - POLL_MILLIS;
          }
          w.burstNanos += ran;
        } else if (!Double.isNaN(w.burstStart)) {
          double millis = w.burstNanos / 1e6;
          if (millis >= MIN_BURST_MILLIS) {
            w.bursts++;
            w.maxBurstMillis = Math.max(w.maxBurstMillis, millis);
            lines.append(
                String.format(
                    Locale.ROOT, "%.0f\t%.0f\t%.1f\t%s%n", w.burstStart, now, millis, w.name));
          }
          w.burstStart = Double.NaN;
          w.burstNanos = 0;
        }
      }
    }
  }

  /** Which threads had bursts, how many and the longest; call after {@link #close()}. */
  String describe() {
    if (watched.isEmpty()) {
      return "no memory-management kernel threads found";
    }
    List<String> parts = new ArrayList<>();
    for (Watched w : watched) {
      if (w.bursts > 0) {
        parts.add(
            String.format(
                Locale.ROOT, "%s %d (longest %.0f ms)", w.name, w.bursts, w.maxBurstMillis));
      }
    }
    return String.format(
        Locale.ROOT,
        "bursts of %.0f ms of CPU or more: %s (watched: %s)",
        MIN_BURST_MILLIS,
        parts.isEmpty() ? "none" : String.join(", ", parts),
        String.join(", ", watched.stream().map(w -> w.name).toList()));
  }

  @Override
  public void close() throws IOException {
    stopped = true;
    try {
      poller.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.writeString(out, lines);
  }
}
