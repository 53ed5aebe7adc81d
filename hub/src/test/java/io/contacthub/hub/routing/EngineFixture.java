package io.contacthub.hub.routing;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.engine.Changes;
import io.contacthub.hub.routing.engine.RoutingEngine;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.metrics.QueueStats;
import io.contacthub.hub.routing.metrics.StatsCalculator;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A routing engine on a hand-moved clock, with the events it emitted kept for assertions. */
final class EngineFixture {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final RoutingConfig config;
  final RoutingEngine engine;
  final List<Changes.Event> events = new ArrayList<>();

  EngineFixture(JsonObject routing) {
    this.config = RoutingConfig.from(routing);
    this.engine = new RoutingEngine(config, new RoutingState(), clock);
  }

  /** Time in seconds since T0: moves the clock there (never back) and runs the timers. */
  EngineFixture at(long seconds) {
    Instant target = T0.plusSeconds(seconds);
    if (target.isBefore(clock.instant())) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    clock.advance(java.time.Duration.between(clock.instant(), target));
    engine.tick();
    collect();
    return this;
  }

  void collect() {
    events.addAll(engine.state().drain().events());
  }

  void agent(String login, Set<String> skills, Map<Channel, Integer> capacity, Presence p) {
    engine.setProfile(login, skills, capacity);
    engine.setPresence(login, p);
    collect();
  }

  void arrive(String conversationId, Channel channel) {
    arrive(conversationId, channel, null, null, null);
  }

  void arrive(String id, Channel channel, String language, String segment, String owner) {
    engine.conversationOpened(
        new RoutingEngine.Arrival(id, "cust-" + id, channel, language, segment, owner));
    collect();
  }

  WorkItem item(String conversationId) {
    return engine.state().openItemOf(conversationId).orElse(null);
  }

  QueueStats stats() {
    return new StatsCalculator(config).compute(engine.state(), clock.instant());
  }

  List<String> eventsOfType(String type) {
    return events.stream()
        .filter(e -> e.type().type().equals(type))
        .map(e -> e.payload().getString("conversationId"))
        .toList();
  }
}
