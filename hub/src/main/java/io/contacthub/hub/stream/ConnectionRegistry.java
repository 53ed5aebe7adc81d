package io.contacthub.hub.stream;

import io.contacthub.hub.auth.Role;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.LiveEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live-stream connections of one event loop, indexed by login and by role, with its own
 * subscription to {@link LiveEvents#ADDRESS} and its own heartbeat timer: events and connections
 * meet on the same thread, without locks. An event costs one JSON encoding and one write per
 * matching connection; connections it is not for are never visited.
 *
 * <p>It lives as long as it has connections: when the last one closes it stops listening and tells
 * its owner, so nothing outlives the event loop's verticle.
 */
final class ConnectionRegistry {

  private final Map<String, Set<Connection>> byLogin = new HashMap<>();
  private final Map<Role, Set<Connection>> byRole = new EnumMap<>(Role.class);
  private final MessageConsumer<JsonObject> consumer;
  private final long heartbeatTimer;
  private final Vertx vertx;
  private final Counter opened;
  private final Counter closed;
  private final Runnable onEmpty;

  /**
   * Must be created on the event loop whose connections it will hold.
   *
   * @param onEmpty called once the last connection closed and the registry stopped
   */
  ConnectionRegistry(Vertx vertx, Duration heartbeat, MeterRegistry metrics, Runnable onEmpty) {
    this.vertx = vertx;
    this.onEmpty = onEmpty;
    this.opened =
        Counter.builder("hub.stream.connections.opened")
            .description("Live-stream connections opened")
            .register(metrics);
    this.closed =
        Counter.builder("hub.stream.connections.closed")
            .description("Live-stream connections closed")
            .register(metrics);
    this.consumer = vertx.eventBus().consumer(LiveEvents.ADDRESS, this::dispatch);
    this.heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> heartbeat());
  }

  void add(Connection c) {
    byLogin.computeIfAbsent(c.caller().login(), k -> new LinkedHashSet<>()).add(c);
    byRole.computeIfAbsent(c.caller().role(), k -> new LinkedHashSet<>()).add(c);
    c.socket().closeHandler(v -> remove(c));
    opened.increment();
  }

  private void remove(Connection c) {
    removeFrom(byLogin, c.caller().login(), c);
    removeFrom(byRole, c.caller().role(), c);
    closed.increment();
    if (byRole.isEmpty()) {
      vertx.cancelTimer(heartbeatTimer);
      consumer.unregister();
      onEmpty.run();
    }
  }

  private static <K> void removeFrom(Map<K, Set<Connection>> index, K key, Connection c) {
    Set<Connection> set = index.get(key);
    if (set != null && set.remove(c) && set.isEmpty()) {
      index.remove(key);
    }
  }

  private void dispatch(Message<JsonObject> message) {
    JsonObject event = message.body();
    String type = event.getString("type");
    if (type == null) {
      return;
    }
    Audience audience = Audience.fromJson(event.getJsonObject("audience", new JsonObject()));
    List<Connection> targets = targets(audience);
    if (targets.isEmpty()) {
      return;
    }
    String frame =
        new JsonObject().put("type", type).put("payload", event.getValue("payload")).encode();
    for (Connection c : targets) {
      c.send(frame);
    }
  }

  /** The connections an audience includes, looked up in the index that fits it. */
  private List<Connection> targets(Audience audience) {
    List<Connection> out = new ArrayList<>();
    if (!audience.users().isEmpty()) {
      audience.users().forEach(login -> out.addAll(byLogin.getOrDefault(login, Set.of())));
    } else {
      audience.roles().forEach(role -> out.addAll(byRole.getOrDefault(role, Set.of())));
    }
    out.removeIf(c -> !audience.includes(c.caller().login(), c.caller().role()));
    return out;
  }

  private void heartbeat() {
    all().forEach(Connection::heartbeat);
  }

  private List<Connection> all() {
    List<Connection> all = new ArrayList<>();
    byRole.values().forEach(all::addAll);
    return all;
  }
}
