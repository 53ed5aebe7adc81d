package io.contacthub.hub.bench.routing;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.RoutingConfig;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.engine.Changes;
import io.contacthub.hub.routing.engine.RoutingEngine;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.journal.RoutingRecord;
import io.contacthub.hub.routing.metrics.StatsCalculator;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The routing benchmark (not a test): routing decisions per second with 2,000 agents and 50 queues,
 * and the cost of recomputing the queue stats, each beside a baseline measured in the same run (20
 * agents, 1 queue); and the cost of the routing thread's periodic tick with a large backlog and no
 * agent free, which must follow what is due, not what is open. In the engine on one thread, as the
 * service runs it, with each decision's journal entry encoded (the fsync is the journal's, shared
 * by group commit, and not included). Options: {@code --scale S} multiplies the number of decisions
 * (default 1: 200,000).
 */
public final class RoutingBench {

  private static final long SEED = 42;

  private final double scale;

  private RoutingBench(double scale) {
    this.scale = scale;
  }

  public static void main(String[] args) {
    double scale = 1;
    for (int i = 0; i + 1 < args.length; i++) {
      if ("--scale".equals(args[i])) {
        scale = Double.parseDouble(args[i + 1]);
      }
    }
    new RoutingBench(scale).run();
  }

  private void run() {
    say(
        "Routing benchmark: scale %s, %d cores, JDK %s, load average %s",
        scale, Runtime.getRuntime().availableProcessors(), Runtime.version(), load());
    int decisions = Math.max(10_000, (int) (200_000 * scale));
    Setup small = new Setup(20, 1, 3);
    Setup large = new Setup(2_000, 50, 3);
    // Warm-up on both, so the JIT has compiled the paths before anything is timed.
    small.decisions(decisions / 4);
    large.decisions(decisions / 4);
    say("decisions (arrive → offer, accept, resolve → next offer), %,d each:", decisions);
    report("baseline: 20 agents, 1 queue", small.decisions(decisions), decisions);
    report("2,000 agents, 50 queues", large.decisions(decisions), decisions);

    say("backlog: 5,000 waiting, agents freeing one slot at a time:");
    report("2,000 agents, 50 queues", large.backlog(5_000), 5_000);

    say("stats recompute (waiting items, window outcomes, agents):");
    stats("baseline: 20 agents, 1 queue", new Setup(20, 1, 3), 100, 1_000);
    stats("2,000 agents, 50 queues", new Setup(2_000, 50, 3), 1_000, 20_000);
    stats("2,000 agents, 50 queues", new Setup(2_000, 50, 3), 5_000, 100_000);

    say("tick (timers, dispatch, journal, stats) with conversations waiting and no agent free:");
    ticks("10,000 waiting, 50 queues", 10_000);
    ticks("250,000 waiting, 50 queues", 250_000);
    say("load average at end %s", load());
  }

  /**
   * An engine with {@code agents} agents, each with {@code skillsEach} of {@code queues} skills.
   */
  private static final class Setup {
    final MovingClock clock = new MovingClock();
    final RoutingEngine engine;
    final StatsCalculator stats;
    final Random random = new Random(SEED);
    final int queues;
    long next;

    Setup(int agents, int queues, int skillsEach) {
      this(agents, queues, skillsEach, 300);
    }

    Setup(int agents, int queues, int skillsEach, int firstResponseSeconds) {
      this.queues = queues;
      JsonArray defs = new JsonArray();
      for (int q = 0; q < queues; q++) {
        defs.add(
            new JsonObject()
                .put("name", "q" + q)
                .put("segments", new JsonArray().add("s" + q))
                .put("skill", "k" + q)
                .put("firstResponseSeconds", firstResponseSeconds));
      }
      RoutingConfig config =
          RoutingConfig.from(
              new JsonObject()
                  .put("stickyWaitSeconds", 0)
                  .put("offerTimeoutSeconds", 3600)
                  .put("queues", defs));
      engine = new RoutingEngine(config, new RoutingState(), clock);
      stats = new StatsCalculator(config);
      for (int a = 0; a < agents; a++) {
        Set<String> skills = new HashSet<>();
        while (skills.size() < Math.min(skillsEach, queues)) {
          skills.add("k" + random.nextInt(queues));
        }
        engine.setProfile("agent-" + a, skills, Map.of(Channel.WEBCHAT, 3));
        engine.setPresence("agent-" + a, Presence.AVAILABLE);
      }
      engine.state().drain();
    }

    String arrive() {
      String id = "c" + next++;
      clock.tick();
      engine.conversationOpened(
          new RoutingEngine.Arrival(
              id, "cust", Channel.WEBCHAT, null, "s" + random.nextInt(queues), null));
      return id;
    }

    void journal() {
      Changes c = engine.state().drain();
      RoutingRecord.encode(c, engine.state());
    }

    /** Each: an arrival placed, accepted, resolved (which frees the slot). */
    long decisions(int n) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String id = arrive();
        journal();
        WorkItem w = engine.state().openItemOf(id).orElseThrow();
        if (w.agent() != null) {
          engine.accept(w.agent(), id);
          journal();
        }
        engine.conversationResolved(id);
        journal();
      }
      return System.nanoTime() - start;
    }

    /** {@code n} arrivals beyond capacity, then slots freed one by one (each places one). */
    long backlog(int n) {
      for (WorkItem w : engine.state().items().stream().toList()) {
        engine.conversationResolved(w.id());
      }
      int capacity = 0;
      while (true) {
        String id = arrive();
        WorkItem w = engine.state().openItemOf(id).orElseThrow();
        if (w.agent() == null) {
          break;
        }
        engine.accept(w.agent(), id);
        capacity++;
      }
      for (int i = 1; i < n; i++) {
        arrive();
      }
      journal();
      say("  (%,d assigned at capacity, %,d waiting)", capacity, engine.state().waiting().size());
      long start = System.nanoTime();
      int placed = 0;
      for (WorkItem w : engine.state().items().stream().toList()) {
        if (placed == n) {
          break;
        }
        if (w.state() == io.contacthub.hub.routing.work.ItemState.ASSIGNED) {
          engine.conversationResolved(w.id());
          journal();
          placed++;
        }
      }
      return System.nanoTime() - start;
    }
  }

  private void stats(String label, Setup s, int waiting, int outcomes) {
    // Outcomes in the window: answered + resolved pairs, then a waiting backlog (no capacity left).
    for (int i = 0; i < outcomes / 2; i++) {
      String id = s.arrive();
      s.engine
          .state()
          .openItemOf(id)
          .filter(w -> w.agent() != null)
          .ifPresent(w -> s.engine.accept(w.agent(), id));
      s.engine.conversationResolved(id);
    }
    for (int i = 0; i < waiting; i++) {
      s.arrive();
    }
    s.engine.state().drain();
    int runs = Math.max(20, (int) (200 * scale));
    for (int i = 0; i < runs / 2; i++) {
      s.stats.compute(s.engine.state(), s.clock.instant());
    }
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      s.stats.compute(s.engine.state(), s.clock.instant());
    }
    double ms = (System.nanoTime() - start) / 1e6 / runs;
    say(
        "  %-32s %8.3f ms per recompute (%,d open items, %,d outcomes, %,d agents)",
        label,
        ms,
        s.engine.state().items().size(),
        s.engine.state().outcomes().size(),
        s.engine.state().agents().size());
  }

  /**
   * {@code waiting} conversations in 50 queues and no agent, then ticks as the service runs them
   * every 250 ms, each after one more arrival (as under live ingest, so the stats are recomputed).
   * The first-response target is an hour: no SLA notice falls due while ticks are timed, so the
   * figure is the tick's cost when nothing is due.
   */
  private void ticks(String label, int waiting) {
    Setup s = new Setup(0, 50, 3, 3600);
    for (int i = 0; i < waiting; i++) {
      s.arrive();
    }
    s.engine.state().drain();
    int runs = Math.max(50, (int) (400 * scale));
    tick(s, runs / 4);
    long[] nanos = tick(s, runs);
    say(
        "  %-32s %10.1f µs per tick (timers and dispatch %.1f, stats %.1f; %,d open items)",
        label,
        (nanos[0] + nanos[1]) / 1e3 / runs,
        nanos[0] / 1e3 / runs,
        nanos[1] / 1e3 / runs,
        s.engine.state().items().size());
  }

  /**
   * {@code n} ticks; returns the nanos spent in the engine's tick and journal, and in the stats.
   */
  private static long[] tick(Setup s, int n) {
    long engine = 0;
    long stats = 0;
    for (int i = 0; i < n; i++) {
      s.clock.advance(Duration.ofMillis(250));
      s.arrive();
      s.journal();
      long start = System.nanoTime();
      s.engine.tick();
      s.journal();
      long ticked = System.nanoTime();
      s.stats.compute(s.engine.state(), s.clock.instant());
      long computed = System.nanoTime();
      engine += ticked - start;
      stats += computed - ticked;
    }
    return new long[] {engine, stats};
  }

  private static void report(String label, long nanos, int n) {
    say("  %-32s %,12.0f decisions/s  (%.2f µs each)", label, n / (nanos / 1e9), nanos / 1e3 / n);
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** Advances a millisecond per arrival, so waits and the window are realistic. */
  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-01-05T09:00:00Z");

    void tick() {
      now = now.plus(Duration.ofMillis(1));
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
