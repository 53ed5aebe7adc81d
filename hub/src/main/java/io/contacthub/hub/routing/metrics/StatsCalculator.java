package io.contacthub.hub.routing.metrics;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.RoutingConfig;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.queues.QueueDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link QueueStats} from the routing state: the waiting contacts the state counts per
 * queue and channel, one pass over the outcomes of the window, and the agents. Runs on the routing
 * thread; its cost is measured in the routing benchmark.
 */
public final class StatsCalculator {

  private static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(20);

  private final RoutingConfig config;

  public StatsCalculator(RoutingConfig config) {
    this.config = config;
  }

  public QueueStats compute(RoutingState state, Instant now) {
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
    long nowMillis = now.toEpochMilli();
    state
        .waitingByQueue()
        .forEach(
            (queue, channel, waiting, oldest) -> {
              if (!totals.containsKey(queue)) {
                return;
              }
              long longestMillis = nowMillis - oldest.enqueuedAt().toEpochMilli();
              for (Tally t : tallies(queue, channel, totals, perChannel, channels)) {
                t.waiting(waiting, longestMillis);
              }
            });
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

  /** Agents who can serve a queue with {@code skill} (all of them when {@code all}), by state. */
  private static AgentCounts agents(RoutingState state, String skill, boolean all) {
    int available = 0;
    int busy = 0;
    int wrapUp = 0;
    int away = 0;
    int offline = 0;
    Iterable<Agent> pool =
        all || skill == null
            ? state.agents()
            : state.agentsWithSkill(skill).stream().map(l -> state.agent(l).orElseThrow()).toList();
    for (Agent a : pool) {
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
