package io.contacthub.hub.routing.queues;

import io.contacthub.connector.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places a conversation in a queue: the first configured queue whose criteria match, in the order
 * of {@code hub.yaml}, so specific queues (VIP, a language) go before the general ones; the last
 * queue catches what nothing else matched.
 */
public final class QueueRules {

  private final List<QueueDefinition> queues;
  private final Map<String, QueueDefinition> byName = new LinkedHashMap<>();

  public QueueRules(List<QueueDefinition> queues) {
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("at least one queue is needed");
    }
    this.queues = List.copyOf(queues);
    queues.forEach(q -> byName.put(q.name(), q));
  }

  public QueueDefinition place(Channel channel, String language, String segment) {
    for (QueueDefinition q : queues) {
      if (q.matches(channel, language, segment)) {
        return q;
      }
    }
    return queues.get(queues.size() - 1);
  }

  public Optional<QueueDefinition> byName(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  public List<QueueDefinition> all() {
    return queues;
  }
}
