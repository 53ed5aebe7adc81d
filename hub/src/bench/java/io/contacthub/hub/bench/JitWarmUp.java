package io.contacthub.hub.bench;

import java.io.IOException;
import java.util.Locale;

/**
 * Repeats a phase's warm-up pass until the hub's JIT compiler goes quiet, so that the measured
 * requests are not sharing two cores with the compiling of their own code path. One pass was not
 * enough: the compiler threads took 1.5 of the 2 cores for the first 10 s of the search phase and
 * 1.1 for the first 5 s of the timeline phase, which a hub that has served reads for a minute no
 * longer pays. The first pass's latencies are kept, so the report shows the cold figure too.
 */
final class JitWarmUp {

  /** Quiet: the compiler threads used under this share of one core during a pass. */
  private static final double QUIET_SHARE = 0.05;

  private static final int MAX_PASSES = 30;

  /** How the warm-up went, and the first (cold) pass's latencies. */
  record Result(int passes, double seconds, double lastCompilerShare, Latencies firstPass) {
    String summary() {
      return String.format(
          Locale.ROOT,
          "%d pass(es) in %.1f s, the compiler at %.0f%% of a core in the last; first pass (cold): %s",
          passes,
          seconds,
          lastCompilerShare * 100,
          firstPass.summary());
    }
  }

  /** One pass over a phase's requests, recording each one's latency into the given latencies. */
  interface Pass {
    void run(Latencies into);
  }

  private JitWarmUp() {}

  static Result untilQuiet(HubProcess hub, Pass pass) throws IOException, InterruptedException {
    long begin = System.nanoTime();
    Latencies first = new Latencies();
    double share = 1;
    int passes = 0;
    while (passes < MAX_PASSES && share >= QUIET_SHARE) {
      ThreadCpu before = hub.threadCpu();
      long start = System.nanoTime();
      pass.run(passes == 0 ? first : new Latencies());
      double wall = (System.nanoTime() - start) / 1e9;
      share = hub.threadCpu().since(before).compilation() / wall;
      passes++;
    }
    return new Result(passes, (System.nanoTime() - begin) / 1e9, share, first);
  }
}
