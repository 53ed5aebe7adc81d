package io.contacthub.hub.routing;

import io.contacthub.hub.events.ConversationRoster;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.engine.Changes;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.queues.QueueDefinition;
import io.contacthub.hub.routing.work.ItemState;
import io.contacthub.hub.routing.work.WorkItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What other threads may read of routing without a hop to its thread: who holds each open
 * conversation, where it waits, the customer's open conversations, and the agents' presence and
 * skills. Written only by the routing thread after each change ({@link #apply}), read from any
 * thread (the live stream's event loops, the phone connector's pop targeting); values are
 * immutable, so a reader sees each conversation or agent either before or after a change.
 *
 * <p>A closed item keeps its holder for {@link #LINGER}: the events of its end (the resolving
 * message, the conversation's last update) are published by the ingest side, around the moment
 * routing closes the item, and must still reach the agent who had it.
 */
public final class RoutingView implements ConversationRoster {

  static final Duration LINGER = Duration.ofSeconds(30);

  /** One work item as the view keeps it; {@code assigned} when the agent accepted it. */
  private record Held(
      String conversationId, String customerId, String agent, boolean assigned, String waitingIn) {}

  private record Closed(Instant at, String itemId) {}

  private final Map<String, String> skillOfQueue = new HashMap<>();
  private final Map<String, Held> items = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> itemsOfConversation = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> conversationsOfCustomer = new ConcurrentHashMap<>();
  private final Map<String, Agent> agents = new ConcurrentHashMap<>();
  private final ArrayDeque<Closed> closing = new ArrayDeque<>();

  RoutingView(RoutingConfig config) {
    for (QueueDefinition q : config.queues()) {
      skillOfQueue.put(q.name(), q.skill());
    }
  }

  /** Takes the whole state (at start, or after loading it again; on the routing thread). */
  void reset(RoutingState state) {
    items.clear();
    itemsOfConversation.clear();
    conversationsOfCustomer.clear();
    agents.clear();
    closing.clear();
    state.agents().forEach(a -> agents.put(a.login(), a));
    state.items().forEach(w -> put(w.id(), w));
  }

  /** Takes what one batch of changes touched; on the routing thread. */
  void apply(Changes changes, RoutingState state, Instant now) {
    for (String login : changes.agentLogins()) {
      state.agent(login).ifPresent(a -> agents.put(login, a));
    }
    for (String id : changes.itemIds()) {
      var open = state.item(id);
      if (open.isPresent()) {
        put(id, open.get());
      } else if (items.containsKey(id)) {
        closing.addLast(new Closed(now, id));
      }
    }
    Instant cutoff = now.minus(LINGER);
    while (!closing.isEmpty() && closing.peekFirst().at().isBefore(cutoff)) {
      String id = closing.removeFirst().itemId();
      if (state.item(id).isEmpty()) {
        drop(id);
      }
    }
  }

  /**
   * Stores only what changed: these maps are old by the time most items change, and each store of a
   * fresh object into them is an old-to-young reference every young collection has to scan.
   */
  private void put(String id, WorkItem w) {
    boolean holds =
        w.agent() != null && (w.state() == ItemState.OFFERED || w.state() == ItemState.ASSIGNED);
    Held held =
        new Held(
            w.conversationId(),
            w.customerId(),
            holds ? w.agent() : null,
            w.state() == ItemState.ASSIGNED,
            w.state() == ItemState.WAITING ? w.queue() : null);
    if (!held.equals(items.get(id))) {
      items.put(id, held);
    }
    add(itemsOfConversation, w.conversationId(), id);
    add(conversationsOfCustomer, w.customerId(), w.conversationId());
  }

  private void drop(String id) {
    Held h = items.remove(id);
    if (h == null) {
      return;
    }
    remove(itemsOfConversation, h.conversationId(), id);
    if (!itemsOfConversation.containsKey(h.conversationId())) {
      remove(conversationsOfCustomer, h.customerId(), h.conversationId());
    }
  }

  private static void add(Map<String, Set<String>> index, String key, String value) {
    if (key == null) {
      return;
    }
    Set<String> held = index.get(key);
    if (held == null || !held.contains(value)) {
      index.compute(
          key,
          (k, old) -> {
            Set<String> s = old == null ? new HashSet<>() : new HashSet<>(old);
            s.add(value);
            return Set.copyOf(s);
          });
    }
  }

  private static void remove(Map<String, Set<String>> index, String key, String value) {
    if (key != null) {
      index.computeIfPresent(
          key,
          (k, old) -> {
            Set<String> s = new HashSet<>(old);
            s.remove(value);
            return s.isEmpty() ? null : Set.copyOf(s);
          });
    }
  }

  @Override
  public Set<String> holders(String conversationId) {
    Set<String> ids = itemsOfConversation.get(conversationId);
    if (ids == null) {
      return Set.of();
    }
    Set<String> logins = new HashSet<>(2);
    for (String id : ids) {
      Held h = items.get(id);
      if (h != null && h.agent() != null) {
        logins.add(h.agent());
      }
    }
    return logins;
  }

  @Override
  public Set<String> assignees(String conversationId) {
    Set<String> logins = new HashSet<>(2);
    for (String id : itemsOfConversation.getOrDefault(conversationId, Set.of())) {
      Held h = items.get(id);
      if (h != null && h.agent() != null && h.assigned()) {
        logins.add(h.agent());
      }
    }
    return logins;
  }

  @Override
  public String waitingIn(String conversationId) {
    for (String id : itemsOfConversation.getOrDefault(conversationId, Set.of())) {
      Held h = items.get(id);
      if (h != null && h.waitingIn() != null) {
        return h.waitingIn();
      }
    }
    return null;
  }

  @Override
  public Set<String> conversationsOf(String customerId) {
    return conversationsOfCustomer.getOrDefault(customerId, Set.of());
  }

  @Override
  public boolean serves(String login, String queue) {
    if (!skillOfQueue.containsKey(queue)) {
      return false;
    }
    String skill = skillOfQueue.get(queue);
    Agent a = agents.get(login);
    return skill == null || (a != null && a.canServe(skill));
  }

  /** Whether routing knows a queue of that name. */
  public boolean isQueue(String queue) {
    return queue != null && skillOfQueue.containsKey(queue);
  }

  /**
   * The agents available now (routing presence), sorted; only those who serve {@code queue} when it
   * is not null.
   */
  public Set<String> available(String queue) {
    Set<String> out = new TreeSet<>();
    for (Agent a : agents.values()) {
      if (a.presence() == Presence.AVAILABLE && (queue == null || serves(a.login(), queue))) {
        out.add(a.login());
      }
    }
    return out;
  }

  /** Whether any agent is available now. */
  public boolean anyAvailable() {
    return agents.values().stream().anyMatch(a -> a.presence() == Presence.AVAILABLE);
  }
}
