package io.contacthub.hub.routing.engine;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.metrics.Outcome;
import io.contacthub.hub.routing.work.ItemState;
import io.contacthub.hub.routing.work.WorkItem;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Everything routing knows, in memory, with the indexes decisions need: open items by id and by
 * conversation, waiting items in arrival order, waiting contacts per queue and channel, each
 * agent's load per channel, and the recent outcomes the metrics read. Touched only on the routing
 * thread. Every change goes through {@link #change}, {@link #amend}, {@link #put} or {@link
 * #putAgent}, which keep the indexes true, tell the {@link Observer} and note what the journal must
 * write.
 */
public final class RoutingState {

  /**
   * Told after every change of an item or agent, whatever made it: a decision, a journal entry a
   * replica applies, a snapshot being loaded.
   */
  interface Observer {
    void itemChanged(WorkItem w);

    void agentChanged(Agent a);
  }

  private static final Observer NOBODY =
      new Observer() {
        @Override
        public void itemChanged(WorkItem w) {}

        @Override
        public void agentChanged(Agent a) {}
      };

  private static final int LAST_AGENTS_KEPT = 100_000;
  static final Comparator<WorkItem> ARRIVAL =
      Comparator.comparing(WorkItem::enqueuedAt).thenComparing(WorkItem::id);

  private final Map<String, WorkItem> items = new HashMap<>();
  private final Map<String, String> openByConversation = new HashMap<>();
  private final NavigableSet<WorkItem> waiting = new TreeSet<>(ARRIVAL);
  private final WaitingByQueue waitingByQueue = new WaitingByQueue();
  private final Map<String, Agent> agents = new HashMap<>();
  private final Map<String, Set<String>> loginsBySkill = new HashMap<>();
  private final Map<String, EnumMap<Channel, Integer>> load = new HashMap<>();
  private final ArrayDeque<Outcome> outcomes = new ArrayDeque<>();
  private final Map<String, String> lastAgents =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
          return size() > LAST_AGENTS_KEPT;
        }
      };
  private long consumedSeq = -1;
  private long version;
  private Changes changes = new Changes();
  private Observer observer = NOBODY;
  private final List<PreservedItems> preserving = new ArrayList<>(1);

  /** The one observer: an engine taking the state over replaces the last one's. */
  void observe(Observer o) {
    observer = o;
  }

  /** Adds a new item or replaces one (journal replay). */
  public void put(WorkItem w) {
    WorkItem old = items.get(w.id());
    if (old != null) {
      unindex(old);
    }
    index(w);
    changes.items.add(w.id());
    version++;
    observer.itemChanged(w);
  }

  /** Changes an item in place, keeping the indexes true around the change. */
  public void change(WorkItem w, Consumer<WorkItem> mutation) {
    handOver(w);
    unindex(w);
    mutation.accept(w);
    index(w);
    changed(w);
  }

  /**
   * Changes what no index reads (SLA notices, the first response): the item keeps its places, so
   * the sorted sets are left alone. Far more items get such changes than move (an SLA breach
   * reaches every waiting conversation), and taking an item out of a sorted set of a few hundred
   * thousand and putting it back writes old tree nodes that every young collection then scans.
   *
   * @throws IllegalStateException if the mutation changed what places the item after all
   */
  public void amend(WorkItem w, Consumer<WorkItem> mutation) {
    Placement before = Placement.of(w);
    handOver(w);
    mutation.accept(w);
    if (!Placement.of(w).equals(before)) {
      throw new IllegalStateException("amend moved item " + w.id() + ": use change");
    }
    changed(w);
  }

  /** What the indexes read of an item; {@link WorkItem#id()} and the channel never change. */
  private record Placement(ItemState state, Instant enqueuedAt, String queue, String agent) {
    static Placement of(WorkItem w) {
      return new Placement(w.state(), w.enqueuedAt(), w.queue(), w.agent());
    }
  }

  private void handOver(WorkItem w) {
    if (!preserving.isEmpty()) {
      preserving.removeIf(p -> !p.beforeChange(w));
    }
  }

  private void changed(WorkItem w) {
    changes.items.add(w.id());
    version++;
    observer.itemChanged(w);
  }

  public void putAgent(Agent a) {
    Agent old = agents.put(a.login(), a);
    if (old != null && !old.skills().equals(a.skills())) {
      old.skills().forEach(k -> loginsBySkill.getOrDefault(k, new HashSet<>()).remove(a.login()));
    }
    a.skills().forEach(k -> loginsBySkill.computeIfAbsent(k, x -> new HashSet<>()).add(a.login()));
    changes.agents.add(a.login());
    version++;
    observer.agentChanged(a);
  }

  public void addOutcome(Outcome o) {
    outcomes.addLast(o);
    changes.outcomes.add(o);
    version++;
  }

  public void rememberLastAgent(String conversationId, String login) {
    lastAgents.put(conversationId, login);
    changes.lastAgents.put(conversationId, login);
  }

  public void consumed(long seq) {
    consumedSeq = seq;
    changes.seqAdvanced = true;
  }

  public void emit(Changes.Event e) {
    changes.events.add(e);
  }

  /** Hands over what changed since the last call and starts collecting anew. */
  public Changes drain() {
    Changes c = changes;
    changes = new Changes();
    return c;
  }

  /** Outcomes before {@code cutoff} no longer count; they leave memory and the next snapshot. */
  public void forgetOutcomesBefore(Instant cutoff) {
    while (!outcomes.isEmpty() && outcomes.peekFirst().at().isBefore(cutoff)) {
      outcomes.removeFirst();
    }
  }

  private void index(WorkItem w) {
    if (!w.isOpen()) {
      items.remove(w.id());
      openByConversation.remove(w.conversationId(), w.id());
      return;
    }
    waitingByQueue.add(w);
    // Stored only when they differ: an unchanged store still dirties an old card.
    if (items.get(w.id()) != w) {
      items.put(w.id(), w);
    }
    if (!w.isCall() && !w.id().equals(openByConversation.get(w.conversationId()))) {
      openByConversation.put(w.conversationId(), w.id());
    }
    if (w.state() == ItemState.WAITING && !w.isCall()) {
      waiting.add(w);
    }
    if (w.agent() != null && (w.state() == ItemState.OFFERED || w.state() == ItemState.ASSIGNED)) {
      load.computeIfAbsent(w.agent(), k -> new EnumMap<>(Channel.class))
          .merge(w.channel(), 1, Integer::sum);
    }
  }

  private void unindex(WorkItem w) {
    waiting.remove(w);
    waitingByQueue.remove(w);
    if (w.agent() != null && (w.state() == ItemState.OFFERED || w.state() == ItemState.ASSIGNED)) {
      EnumMap<Channel, Integer> l = load.get(w.agent());
      if (l != null && l.merge(w.channel(), -1, Integer::sum) <= 0) {
        l.remove(w.channel());
        if (l.isEmpty()) {
          load.remove(w.agent());
        }
      }
    }
  }

  /**
   * The open items as they stand now, kept so for a reader on another thread until it releases
   * them, however routing changes them meanwhile (a snapshot being written). Several may be kept at
   * once (a stop's snapshot while the last one is still being written).
   */
  public PreservedItems preserveItems() {
    PreservedItems kept = new PreservedItems(items.values());
    preserving.add(kept);
    return kept;
  }

  public Optional<WorkItem> item(String id) {
    return Optional.ofNullable(items.get(id));
  }

  public Optional<WorkItem> openItemOf(String conversationId) {
    String id = openByConversation.get(conversationId);
    return id == null ? Optional.empty() : Optional.ofNullable(items.get(id));
  }

  public Collection<WorkItem> items() {
    return items.values();
  }

  /** Messaging items waiting for an offer, oldest first. */
  public NavigableSet<WorkItem> waiting() {
    return waiting;
  }

  /** Contacts waiting or offered, calls included, per queue and channel. */
  public WaitingByQueue waitingByQueue() {
    return waitingByQueue;
  }

  public Optional<Agent> agent(String login) {
    return Optional.ofNullable(agents.get(login));
  }

  public Collection<Agent> agents() {
    return agents.values();
  }

  /** The logins of the agents with {@code skill}. */
  public Set<String> agentsWithSkill(String skill) {
    return loginsBySkill.getOrDefault(skill, Set.of());
  }

  /** Contacts offered to or assigned to the agent on this channel. */
  public int load(String login, Channel channel) {
    EnumMap<Channel, Integer> l = load.get(login);
    return l == null ? 0 : l.getOrDefault(channel, 0);
  }

  /** Contacts offered to or assigned to the agent on any channel. */
  public int load(String login) {
    EnumMap<Channel, Integer> l = load.get(login);
    return l == null ? 0 : l.values().stream().mapToInt(Integer::intValue).sum();
  }

  public Collection<Outcome> outcomes() {
    return outcomes;
  }

  public String lastAgent(String conversationId) {
    return lastAgents.get(conversationId);
  }

  public Map<String, String> lastAgents() {
    return lastAgents;
  }

  public long consumedSeq() {
    return consumedSeq;
  }

  /** Grows with every change: the stats publisher recomputes only when it moved. */
  public long version() {
    return version;
  }
}
