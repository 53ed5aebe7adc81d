package io.contacthub.hub.routing.metrics;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.RoutingConfig;
import io.contacthub.hub.routing.engine.Changes;
import io.contacthub.hub.routing.queues.QueueDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The queue metrics as Micrometer meters at {@code /metrics}. Tags are only {@code queue} (from the
 * configuration), {@code channel} (a fixed enum) and {@code state} (a fixed set): never a customer,
 * conversation or agent, so the number of series is bounded by configuration. Gauges read the
 * latest snapshot; counters and timers count outcomes as they happen.
 */
public final class RoutingMeters {

  private final MeterRegistry registry;
  private final Supplier<QueueStats> latest;

  private RoutingMeters(MeterRegistry registry, Supplier<QueueStats> latest) {
    this.registry = registry;
    this.latest = latest;
  }

  /** Registers the gauges; the returned observer counts each batch of outcomes. */
  public static java.util.function.Consumer<Changes> bind(
      MeterRegistry registry, RoutingConfig config, Supplier<QueueStats> latest) {
    RoutingMeters m = new RoutingMeters(registry, latest);
    for (QueueDefinition q : config.queues()) {
      Set<Channel> channels =
          q.channels().isEmpty() ? EnumSet.allOf(Channel.class) : EnumSet.copyOf(q.channels());
      for (Channel c : channels) {
        m.figures(q.name(), c);
      }
      m.agents(q.name());
    }
    return changes -> changes.outcomes().forEach(m::count);
  }

  private void figures(String queue, Channel channel) {
    Function<QueueStats, Figures> pick =
        s ->
            s.queues().stream()
                .filter(r -> r.queue().equals(queue))
                .findFirst()
                .map(r -> r.channels().get(channel))
                .orElse(null);
    gauge("hub.queue.waiting", "Contacts waiting now", queue, channel, pick, Figures::waiting);
    gauge(
        "hub.queue.longest.wait.seconds",
        "Longest current wait",
        queue,
        channel,
        pick,
        Figures::longestWaitSeconds);
    gauge(
        "hub.queue.service.level.ratio",
        "Answered within threshold over answered plus abandoned, in the stats window",
        queue,
        channel,
        pick,
        f -> f.serviceLevelPercent() == null ? Double.NaN : f.serviceLevelPercent() / 100);
    gauge(
        "hub.queue.answer.speed.average.seconds",
        "Average speed of answer in the stats window",
        queue,
        channel,
        pick,
        f -> nan(f.averageSpeedOfAnswerSeconds()));
    gauge(
        "hub.queue.abandon.ratio",
        "Abandoned over answered plus abandoned in the stats window",
        queue,
        channel,
        pick,
        f -> f.abandonRatePercent() == null ? Double.NaN : f.abandonRatePercent() / 100);
    gauge(
        "hub.queue.handle.average.seconds",
        "Average handle time in the stats window",
        queue,
        channel,
        pick,
        f -> nan(f.averageHandleSeconds()));
  }

  private void gauge(
      String name,
      String help,
      String queue,
      Channel channel,
      Function<QueueStats, Figures> pick,
      ToDoubleFunction<Figures> value) {
    Gauge.builder(
            name,
            latest,
            s -> {
              Figures f = s.get() == null ? null : pick.apply(s.get());
              return f == null ? 0 : value.applyAsDouble(f);
            })
        .description(help)
        .strongReference(true)
        .tags("queue", queue, "channel", channel.wireName())
        .register(registry);
  }

  private void agents(String queue) {
    Function<QueueStats, AgentCounts> pick =
        s ->
            s.queues().stream()
                .filter(r -> r.queue().equals(queue))
                .findFirst()
                .map(QueueStats.Row::agents)
                .orElse(null);
    Map<String, ToDoubleFunction<AgentCounts>> states =
        Map.of(
            "available", AgentCounts::available,
            "busy", AgentCounts::busy,
            "wrap_up", AgentCounts::wrapUp,
            "away", AgentCounts::away,
            "offline", AgentCounts::offline);
    states.forEach(
        (state, value) ->
            Gauge.builder(
                    "hub.queue.agents",
                    latest,
                    s -> {
                      AgentCounts a = s.get() == null ? null : pick.apply(s.get());
                      return a == null ? 0 : value.applyAsDouble(a);
                    })
                .description("Agents who can serve the queue, by state")
                .strongReference(true)
                .tags("queue", queue, "state", state)
                .register(registry));
    Gauge.builder(
            "hub.queue.occupancy.ratio",
            latest,
            s -> {
              AgentCounts a = s.get() == null ? null : pick.apply(s.get());
              return a == null || a.occupancyPercent() == null
                  ? Double.NaN
                  : a.occupancyPercent() / 100;
            })
        .description("Busy and wrap-up agents over staffed agents")
        .strongReference(true)
        .tags("queue", queue)
        .register(registry);
  }

  private void count(Outcome o) {
    String[] tags = {"queue", o.queue(), "channel", o.channel().wireName()};
    switch (o.kind()) {
      case ANSWERED ->
          Timer.builder("hub.queue.answer.wait")
              .description("Wait until answered")
              .tags(tags)
              .register(registry)
              .record(o.duration());
      case ABANDONED ->
          Counter.builder("hub.queue.abandoned")
              .description("Contacts abandoned while waiting (short abandons included)")
              .tags(tags)
              .register(registry)
              .increment();
      case HANDLED ->
          Timer.builder("hub.queue.handle.time")
              .description("Handle time of finished contacts")
              .tags(tags)
              .register(registry)
              .record(o.duration());
    }
  }

  private static double nan(Double d) {
    return d == null ? Double.NaN : d;
  }
}
