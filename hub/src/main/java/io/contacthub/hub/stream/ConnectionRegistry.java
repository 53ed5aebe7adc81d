package io.contacthub.hub.stream;

import io.contacthub.hub.auth.Role;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.ConversationRoster;
import io.contacthub.hub.events.LiveBus;
import io.contacthub.hub.events.LiveFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live-stream connections of one event loop, indexed by login, by role, and by what their
 * stream filter asks for, with its own subscription to the {@link LiveBus} and its own heartbeat
 * timer: events and connections meet on the same thread, without locks.
 *
 * <p>An event is encoded once (by its {@link LiveFrame}) and the same bytes are written to every
 * connection it is for; connections it is not for are never visited. A content event (about a
 * conversation) goes to the unfiltered ({@code all}) connections of its audience's roles, and to
 * the filtered ones that hold, watch or (for {@code queues}) could pick up its conversation, found
 * through the {@link ConversationRoster} and the watch index.
 *
 * <p>It lives as long as it has connections: when the last one closes it stops listening and tells
 * its owner, so nothing outlives the event loop's verticle.
 */
final class ConnectionRegistry {

  private final Map<String, Set<Connection>> byLogin = new HashMap<>();
  private final Map<Role, Set<Connection>> byRole = new EnumMap<>(Role.class);
  private final Map<Role, Set<Connection>> unfilteredByRole = new EnumMap<>(Role.class);
  private final Map<String, Set<Connection>> watchers = new HashMap<>();
  private final Set<Connection> queueFiltered = new LinkedHashSet<>();
  // Read by publishers on other threads (mayWant): the logins held here, and how many connections
  // take content events beyond their holders' (unfiltered, queues, watching).
  private final Set<String> loginsHere = ConcurrentHashMap.newKeySet();
  private volatile int wide;
  private final ConversationRoster roster;
  private final Runnable unsubscribe;
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
  ConnectionRegistry(
      Context context,
      Duration heartbeat,
      MeterRegistry metrics,
      ConversationRoster roster,
      Runnable onEmpty) {
    this.vertx = context.owner();
    this.roster = roster;
    this.onEmpty = onEmpty;
    this.opened =
        Counter.builder("hub.stream.connections.opened")
            .description("Live-stream connections opened")
            .register(metrics);
    this.closed =
        Counter.builder("hub.stream.connections.closed")
            .description("Live-stream connections closed")
            .register(metrics);
    this.unsubscribe = LiveBus.of(vertx).subscribe(context, this::mayWant, this::dispatch);
    this.heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> heartbeat());
  }

  void add(Connection c) {
    byLogin.computeIfAbsent(c.caller().login(), k -> new LinkedHashSet<>()).add(c);
    loginsHere.add(c.caller().login());
    byRole.computeIfAbsent(c.caller().role(), k -> new LinkedHashSet<>()).add(c);
    indexFilter(c);
    c.socket().textMessageHandler(text -> fromClient(c, text));
    c.socket().closeHandler(v -> remove(c));
    opened.increment();
  }

  /** Closes the connections of {@code login}: its access was revoked. */
  void closeSessionsOf(String login) {
    List.copyOf(byLogin.getOrDefault(login, Set.of())).forEach(Connection::revoked);
  }

  private void remove(Connection c) {
    removeFrom(byLogin, c.caller().login(), c);
    if (!byLogin.containsKey(c.caller().login())) {
      loginsHere.remove(c.caller().login());
    }
    removeFrom(byRole, c.caller().role(), c);
    unindexFilter(c);
    closed.increment();
    if (byRole.isEmpty()) {
      vertx.cancelTimer(heartbeatTimer);
      unsubscribe.run();
      onEmpty.run();
    }
  }

  /** A client frame: only {@code stream.filter} is understood; anything else gets an error. */
  private void fromClient(Connection c, String text) {
    StreamFilter filter;
    try {
      JsonObject frame = new JsonObject(text);
      if (!StreamFilter.TYPE.equals(frame.getValue("type"))) {
        throw new IllegalArgumentException(
            "unknown frame type " + frame.getValue("type") + "; expected stream.filter");
      }
      filter = StreamFilter.parse(frame);
    } catch (DecodeException | ClassCastException e) {
      c.reply(error("a client frame must be a JSON object"));
      return;
    } catch (IllegalArgumentException e) {
      c.reply(error(e.getMessage()));
      return;
    }
    unindexFilter(c);
    c.filter(filter);
    indexFilter(c);
    c.reply(filter.toJson());
  }

  private static JsonObject error(String detail) {
    return new JsonObject().put("type", "error").put("detail", detail);
  }

  private void indexFilter(Connection c) {
    StreamFilter f = c.filter();
    if (isWide(f)) {
      wide++;
    }
    switch (f.mode()) {
      case ALL ->
          unfilteredByRole.computeIfAbsent(c.caller().role(), k -> new LinkedHashSet<>()).add(c);
      case QUEUES -> queueFiltered.add(c);
      case MINE -> {}
    }
    f.watch().forEach(id -> watchers.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(c));
  }

  private void unindexFilter(Connection c) {
    StreamFilter f = c.filter();
    if (isWide(f)) {
      wide--;
    }
    removeFrom(unfilteredByRole, c.caller().role(), c);
    queueFiltered.remove(c);
    f.watch().forEach(id -> removeFrom(watchers, id, c));
  }

  private static boolean isWide(StreamFilter f) {
    return f.mode() != StreamFilter.Mode.MINE || !f.watch().isEmpty();
  }

  /**
   * On the publisher's thread: false when no connection here can be a target (addressed to users
   * not connected here; a content event while every connection here is on {@code mine} without
   * watches and none holds its conversations). A connection opened meanwhile may miss the event, as
   * it would a moment earlier.
   */
  private boolean mayWant(LiveFrame frame) {
    Set<String> users = frame.audience().users();
    if (!users.isEmpty()) {
      for (String login : users) {
        if (loginsHere.contains(login)) {
          return true;
        }
      }
      return false;
    }
    if (!frame.aboutContent() || wide > 0) {
      return true;
    }
    for (String id : roster.conversationsAbout(frame)) {
      for (String login : roster.holders(id)) {
        if (loginsHere.contains(login)) {
          return true;
        }
      }
    }
    return false;
  }

  private static <K> void removeFrom(Map<K, Set<Connection>> index, K key, Connection c) {
    Set<Connection> set = index.get(key);
    if (set != null && set.remove(c) && set.isEmpty()) {
      index.remove(key);
    }
  }

  private void dispatch(LiveFrame frame) {
    Audience audience = frame.audience();
    List<Connection> targets =
        frame.aboutContent() && audience.users().isEmpty()
            ? contentTargets(frame, audience)
            : targets(audience);
    if (targets.isEmpty()) {
      return;
    }
    for (Connection c : targets) {
      c.deliver(frame);
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
    return out;
  }

  /**
   * The unfiltered connections of the audience's roles, then the filtered ones that hold, watch or
   * serve the queue of one of the event's conversations (a customer event: of the customer's).
   */
  private List<Connection> contentTargets(LiveFrame frame, Audience audience) {
    List<Connection> out = new ArrayList<>();
    audience.roles().forEach(role -> out.addAll(unfilteredByRole.getOrDefault(role, Set.of())));
    Set<String> conversations = roster.conversationsAbout(frame);
    if (conversations.isEmpty()) {
      return out;
    }
    Set<Connection> filtered = new LinkedHashSet<>();
    for (String id : conversations) {
      for (String login : roster.holders(id)) {
        filtered.addAll(byLogin.getOrDefault(login, Set.of()));
      }
      filtered.addAll(watchers.getOrDefault(id, Set.of()));
      String queue = queueFiltered.isEmpty() ? null : roster.waitingIn(id);
      if (queue != null) {
        for (Connection c : queueFiltered) {
          if (roster.serves(c.caller().login(), queue)) {
            filtered.add(c);
          }
        }
      }
    }
    for (Connection c : filtered) {
      if (c.filter().mode() != StreamFilter.Mode.ALL
          && audience.roles().contains(c.caller().role())) {
        out.add(c);
      }
    }
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
