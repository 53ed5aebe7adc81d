package io.contacthub.hub.conversation;

import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every conversation, by id, by customer and by latest activity (the inbox order). Written only by
 * the ingest sequencer as snapshots in log order; read from any thread.
 */
public final class ConversationStore {

  /** A place in the inbox order: latest activity first, then id, so the order is total. */
  public record ActivityKey(Instant lastActivityAt, String id) implements Comparable<ActivityKey> {

    public static ActivityKey of(Conversation c) {
      return new ActivityKey(c.lastActivityAt(), c.id());
    }

    @Override
    public int compareTo(ActivityKey other) {
      // Written out: the inbox index compares on every insert and scan.
      int byTime = other.lastActivityAt.compareTo(lastActivityAt);
      return byTime != 0 ? byTime : id.compareTo(other.id);
    }
  }

  private final Map<String, Conversation> byId = new ConcurrentHashMap<>();
  private final Map<String, List<String>> byCustomer = new ConcurrentHashMap<>();
  private final NavigableSet<ActivityKey> byActivity = new ConcurrentSkipListSet<>();

  public void apply(Conversation c) {
    Conversation previous = byId.put(c.id(), c);
    if (previous == null) {
      byCustomer.computeIfAbsent(c.customerId(), k -> new CopyOnWriteArrayList<>()).add(c.id());
    }
    ActivityKey key = ActivityKey.of(c);
    // Added before the old key goes, so a concurrent reader never misses the conversation; it
    // skips the stale key instead (see byActivity).
    byActivity.add(key);
    if (previous != null && !previous.lastActivityAt().equals(c.lastActivityAt())) {
      byActivity.remove(ActivityKey.of(previous));
    }
  }

  /**
   * Forgets a conversation that was decided but never committed: cluster mode takes back a decision
   * the shared log refused.
   */
  public void remove(String id) {
    Conversation c = byId.remove(id);
    if (c == null) {
      return;
    }
    List<String> ids = byCustomer.get(c.customerId());
    if (ids != null) {
      ids.remove(id);
    }
    byActivity.remove(ActivityKey.of(c));
  }

  /**
   * Up to {@code limit} conversations that match, latest activity first, starting after {@code
   * after} (null: from the newest). Cost: the keys visited until {@code limit} matches are found.
   */
  public List<Conversation> byActivity(
      ActivityKey after, Predicate<Conversation> matches, int limit) {
    List<Conversation> out = new ArrayList<>(Math.min(limit, 256));
    NavigableSet<ActivityKey> from = after == null ? byActivity : byActivity.tailSet(after, false);
    for (ActivityKey key : from) {
      Conversation c = byId.get(key.id());
      // A key is stale while the sequencer moves a conversation to its new activity time.
      if (c != null && c.lastActivityAt().equals(key.lastActivityAt()) && matches.test(c)) {
        out.add(c);
        if (out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }

  public Optional<Conversation> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Conversations of these customers, latest activity first. */
  public List<Conversation> of(Collection<String> customerIds) {
    List<Conversation> out = new ArrayList<>();
    for (String customer : customerIds) {
      for (String id : byCustomer.getOrDefault(customer, List.of())) {
        out.add(byId.get(id));
      }
    }
    out.sort(Comparator.comparing(Conversation::lastActivityAt).reversed());
    return out;
  }

  /**
   * The latest conversation of these customers that is still open or pending and was active at or
   * after {@code notBefore}: where a message without thread keys continues.
   */
  public Optional<Conversation> latestActive(Collection<String> customerIds, Instant notBefore) {
    Conversation best = null;
    for (String customer : customerIds) {
      for (String id : byCustomer.getOrDefault(customer, List.of())) {
        Conversation c = byId.get(id);
        if (c.status() != ConversationStatus.RESOLVED
            && !c.lastActivityAt().isBefore(notBefore)
            && (best == null || c.lastActivityAt().isAfter(best.lastActivityAt()))) {
          best = c;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  public int size() {
    return byId.size();
  }
}
