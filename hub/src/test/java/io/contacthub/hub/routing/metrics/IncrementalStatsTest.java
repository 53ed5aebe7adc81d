package io.contacthub.hub.routing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.MutableClock;
import io.contacthub.hub.routing.RoutingConfig;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.engine.CallView;
import io.contacthub.hub.routing.engine.RoutingEngine;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.queues.QueueDefinition;
import io.contacthub.hub.routing.work.ItemState;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The queue stats from the waiting counts the state keeps as items change equal the stats computed
 * from scratch over every open item, after random sequences of arrivals, offers, accepts, declines,
 * resolutions, transfers, presence changes, calls and ticks.
 */
@Timeout(60)
class IncrementalStatsTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final List<String> AGENTS = List.of("ann", "bob", "cat", "dan");
  private static final Channel[] CHANNELS = {Channel.WEBCHAT, Channel.EMAIL, Channel.WHATSAPP};

  private final RoutingConfig config =
      RoutingConfig.from(
          new JsonObject()
              .put("stickyWaitSeconds", 5)
              .put("offerTimeoutSeconds", 10)
              .put("wrapUpSeconds", 5)
              .put("shortAbandonSeconds", 3)
              .put("statsWindowMinutes", 2)
              .put(
                  "queues",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("name", "sales")
                              .put("segments", new JsonArray().add("smb"))
                              .put("channels", new JsonArray().add("webchat").add("phone"))
                              .put("skill", "sales"))
                      .add(
                          new JsonObject()
                              .put("name", "german")
                              .put("languages", new JsonArray().add("de"))
                              .put("skill", "de"))
                      .add(new JsonObject().put("name", "general"))));

  @Test
  void incrementalEqualsFromScratchAfterRandomOperations() {
    for (long seed = 1; seed <= 5; seed++) {
      run(new Random(seed), 1_500);
    }
  }

  private void run(Random random, int steps) {
    MutableClock clock = new MutableClock(T0);
    RoutingEngine engine = new RoutingEngine(config, new RoutingState(), clock);
    StatsCalculator calculator = new StatsCalculator(config);
    engine.setProfile("ann", Set.of("sales"), Map.of(Channel.WEBCHAT, 2));
    engine.setProfile("bob", Set.of("de", "sales"), Map.of());
    engine.setProfile("cat", Set.of(), Map.of(Channel.EMAIL, 1));
    engine.setProfile("dan", Set.of("de"), Map.of(Channel.WHATSAPP, 1));
    int next = 0;
    for (int step = 0; step < steps; step++) {
      try {
        next = operate(engine, clock, random, next);
      } catch (HubException e) {
        // An operation the state did not allow (a transfer to a full agent, ...): nothing changed.
      }
      engine.state().drain();
      Instant now = clock.instant();
      assertThat(calculator.compute(engine.state(), now).toJson())
          .as("step %d", step)
          .isEqualTo(fromScratch(engine.state(), now).toJson());
    }
  }

  /** One random operation; returns the next conversation number. */
  private int operate(RoutingEngine engine, MutableClock clock, Random random, int next) {
    RoutingState state = engine.state();
    List<WorkItem> open = new ArrayList<>(state.items());
    WorkItem some = open.isEmpty() ? null : open.get(random.nextInt(open.size()));
    String agent = AGENTS.get(random.nextInt(AGENTS.size()));
    switch (random.nextInt(11)) {
      case 0, 1 -> {
        String id = "c" + next++;
        engine.conversationOpened(
            new RoutingEngine.Arrival(
                id,
                "cust-" + id,
                CHANNELS[random.nextInt(CHANNELS.length)],
                random.nextBoolean() ? "de" : "en",
                random.nextBoolean() ? "smb" : null,
                random.nextInt(4) == 0 ? agent : null));
      }
      case 2 -> {
        if (some != null && some.state() == ItemState.OFFERED && !some.isCall()) {
          engine.accept(some.agent(), some.conversationId());
        }
      }
      case 3 -> {
        if (some != null && some.state() == ItemState.OFFERED && !some.isCall()) {
          engine.decline(some.agent(), some.conversationId());
        }
      }
      case 4 -> {
        if (some != null && !some.isCall()) {
          engine.conversationResolved(some.conversationId());
        }
      }
      case 5 -> {
        if (some != null && !some.isCall()) {
          String queue = config.queues().get(random.nextInt(config.queues().size())).name();
          engine.transferToQueue(some.conversationId(), queue);
        }
      }
      case 6 -> {
        if (some != null && !some.isCall()) {
          engine.transferToAgent(some.conversationId(), agent);
        }
      }
      case 7 -> {
        Presence[] choices = {
          Presence.AVAILABLE, Presence.AVAILABLE, Presence.AWAY, Presence.OFFLINE
        };
        engine.setPresence(agent, choices[random.nextInt(choices.length)]);
      }
      case 8 -> call(engine, clock, random, agent, next);
      default -> {
        clock.advance(Duration.ofMillis(1 + random.nextInt(4_000)));
        engine.tick();
      }
    }
    return next;
  }

  /** A phone call ringing, answered or ended (ids reused, so calls go through their states). */
  private void call(RoutingEngine engine, MutableClock clock, Random random, String agent, int n) {
    String id = "k" + random.nextInt(Math.max(1, n / 3 + 1));
    Instant now = clock.instant();
    String state = List.of("ringing", "answered", "ended", "abandoned").get(random.nextInt(4));
    boolean answered = state.equals("answered") || (state.equals("ended") && random.nextBoolean());
    engine.callChanged(
        new CallView(
            id,
            "conv-" + id,
            "cust",
            true,
            random.nextBoolean() ? "sales" : null,
            state,
            now.minusSeconds(random.nextInt(30)),
            answered ? now : null,
            state.equals("ended") || state.equals("abandoned") ? now : null,
            answered ? agent : null));
  }

  // ---- the reference: every open item walked, as the stats were computed before ------------

  private static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(20);

  private QueueStats fromScratch(RoutingState state, Instant now) {
    Map<String, QueueDefinition> defs = new HashMap<>();
    Map<String, Tally> totals = new HashMap<>();
    Map<String, Map<Channel, Tally>> perChannel = new HashMap<>();
    for (QueueDefinition q : config.queues()) {
      defs.put(q.name(), q);
      totals.put(q.name(), new Tally());
      Map<Channel, Tally> m = new EnumMap<>(Channel.class);
      q.channels().forEach(c -> m.put(c, new Tally()));
      perChannel.put(q.name(), m);
    }
    Map<Channel, Tally> channels = new EnumMap<>(Channel.class);
    for (WorkItem w : state.items()) {
      if (w.isWaiting() && totals.containsKey(w.queue())) {
        long waitedMillis = now.toEpochMilli() - w.enqueuedAt().toEpochMilli();
        for (Tally t : tallies(w.queue(), w.channel(), totals, perChannel, channels)) {
          t.waiting(1, waitedMillis);
        }
      }
    }
    Instant from = now.minus(config.statsWindow());
    for (Outcome o : state.outcomes()) {
      if (o.at().isBefore(from) || !totals.containsKey(o.queue())) {
        continue;
      }
      Duration threshold = defs.get(o.queue()).serviceLevelThreshold();
      for (Tally t : tallies(o.queue(), o.channel(), totals, perChannel, channels)) {
        t.outcome(o, threshold == null ? DEFAULT_THRESHOLD : threshold, config.shortAbandon());
      }
    }
    List<QueueStats.Row> rows = new ArrayList<>();
    for (QueueDefinition q : config.queues()) {
      Map<Channel, Figures> figs = new EnumMap<>(Channel.class);
      perChannel.get(q.name()).forEach((c, t) -> figs.put(c, t.figures()));
      rows.add(
          new QueueStats.Row(
              q.name(),
              q.serviceLevelThreshold(),
              q.serviceLevelTarget(),
              totals.get(q.name()).figures(),
              figs,
              agents(state, q.skill(), false)));
    }
    Map<Channel, Figures> byChannel = new EnumMap<>(Channel.class);
    channels.forEach((c, t) -> byChannel.put(c, t.figures()));
    return new QueueStats(
        now,
        config.statsWindow(),
        config.shortAbandon(),
        rows,
        byChannel,
        agents(state, null, true));
  }

  private static List<Tally> tallies(
      String queue,
      Channel channel,
      Map<String, Tally> totals,
      Map<String, Map<Channel, Tally>> perChannel,
      Map<Channel, Tally> channels) {
    return List.of(
        totals.get(queue),
        perChannel.get(queue).computeIfAbsent(channel, c -> new Tally()),
        channels.computeIfAbsent(channel, c -> new Tally()));
  }

  private static AgentCounts agents(RoutingState state, String skill, boolean all) {
    int available = 0;
    int busy = 0;
    int wrapUp = 0;
    int away = 0;
    int offline = 0;
    for (Agent a : state.agents()) {
      if (!all && !a.canServe(skill)) {
        continue;
      }
      switch (a.presence()) {
        case AVAILABLE -> {
          if (state.load(a.login()) > 0) {
            busy++;
          } else {
            available++;
          }
        }
        case WRAP_UP -> wrapUp++;
        case AWAY -> away++;
        case OFFLINE -> offline++;
      }
    }
    int staffed = available + busy + wrapUp;
    return new AgentCounts(
        available,
        busy,
        wrapUp,
        away,
        offline,
        staffed == 0 ? null : Tally.round(100.0 * (busy + wrapUp) / staffed));
  }
}
