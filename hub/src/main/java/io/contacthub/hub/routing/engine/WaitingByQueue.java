package io.contacthub.hub.routing.engine;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.work.WorkItem;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The contacts waiting for an agent (waiting or offered, calls included), per queue and channel,
 * oldest first: what the queue stats show as waiting and longest wait. Kept as items change, so the
 * stats cost one step per queue and channel instead of a walk over every open conversation.
 */
public final class WaitingByQueue {

  /** Told about one queue and channel with contacts waiting. */
  @FunctionalInterface
  public interface Group {
    void visit(String queue, Channel channel, int waiting, WorkItem oldest);
  }

  private final Map<String, EnumMap<Channel, NavigableSet<WorkItem>>> byQueue = new HashMap<>();
  private int size;

  /** Called with the item as it is now: it counts while it waits. */
  void add(WorkItem w) {
    if (w.isOpen()
        && w.isWaiting()
        && byQueue
            .computeIfAbsent(w.queue(), q -> new EnumMap<>(Channel.class))
            .computeIfAbsent(w.channel(), c -> new TreeSet<>(RoutingState.ARRIVAL))
            .add(w)) {
      size++;
    }
  }

  /** Called before the item changes, while its queue and arrival are the ones it was added with. */
  void remove(WorkItem w) {
    EnumMap<Channel, NavigableSet<WorkItem>> channels = byQueue.get(w.queue());
    NavigableSet<WorkItem> group = channels == null ? null : channels.get(w.channel());
    if (group == null || !group.remove(w)) {
      return;
    }
    size--;
    if (group.isEmpty()) {
      channels.remove(w.channel());
      if (channels.isEmpty()) {
        byQueue.remove(w.queue());
      }
    }
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Visits every queue and channel that has a contact waiting. */
  public void forEach(Group visitor) {
    byQueue.forEach(
        (queue, channels) ->
            channels.forEach((c, group) -> visitor.visit(queue, c, group.size(), group.first())));
  }
}
