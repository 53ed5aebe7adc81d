package io.contacthub.hub.conversation;

import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every conversation, by id and by customer. Written only by the ingest sequencer as snapshots in
 * log order; read from any thread.
 */
public final class ConversationStore {

  private final Map<String, Conversation> byId = new ConcurrentHashMap<>();
  private final Map<String, List<String>> byCustomer = new ConcurrentHashMap<>();

  public void apply(Conversation c) {
    if (byId.put(c.id(), c) == null) {
      byCustomer.computeIfAbsent(c.customerId(), k -> new CopyOnWriteArrayList<>()).add(c.id());
    }
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
