package io.contacthub.hub.ingest;

import io.contacthub.hub.model.Interaction;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the sequencer decided but the index cannot show yet: interactions by idempotency key and
 * conversations by thread key, until a refresh makes them searchable. Without it a retry arriving
 * within the refresh interval would be stored twice. Touched by the sequencer thread only.
 */
final class RecentWrites {

  /** An interaction and the future that completes when its record is durable. */
  record Pending(Interaction interaction, CompletableFuture<Void> durable) {}

  private record ThreadEntry(String conversationId, String dedupeKey, long seq) {}

  private record Written(long seq, String dedupeKey, List<String> threadKeys) {}

  private final Map<String, Pending> byDedupeKey = new HashMap<>();
  private final Map<String, ThreadEntry> byThreadKey = new HashMap<>();
  private final ArrayDeque<Written> order = new ArrayDeque<>();

  /** Registers a pending interaction; the returned action takes the registration back. */
  Runnable put(Interaction i, CompletableFuture<Void> durable) {
    String dedupeKey = i.dedupeKey();
    Pending previous = byDedupeKey.put(dedupeKey, new Pending(i, durable));
    Map<String, ThreadEntry> replaced = new HashMap<>();
    for (String key : i.threadKeys()) {
      replaced.put(
          key, byThreadKey.put(key, new ThreadEntry(i.conversationId(), dedupeKey, i.seq())));
    }
    Written written = new Written(i.seq(), dedupeKey, i.threadKeys());
    order.addLast(written);
    return () -> {
      order.removeLastOccurrence(written);
      restore(byDedupeKey, dedupeKey, previous);
      replaced.forEach((key, entry) -> restore(byThreadKey, key, entry));
    };
  }

  private static <V> void restore(Map<String, V> map, String key, V previous) {
    if (previous == null) {
      map.remove(key);
    } else {
      map.put(key, previous);
    }
  }

  Pending byDedupeKey(String key) {
    return byDedupeKey.get(key);
  }

  /** The conversation of the newest pending interaction registered under one of the keys. */
  String conversationByThreadKeys(List<String> keys) {
    ThreadEntry best = null;
    for (String k : keys) {
      ThreadEntry e = byThreadKey.get(k);
      if (e != null && (best == null || e.seq() > best.seq())) {
        best = e;
      }
    }
    return best == null ? null : best.conversationId();
  }

  /** The newest pending interaction registered under the key, or null. */
  Interaction interactionByThreadKey(String key) {
    ThreadEntry e = byThreadKey.get(key);
    Pending p = e == null ? null : byDedupeKey.get(e.dedupeKey());
    return p == null ? null : p.interaction();
  }

  /** Forgets everything the index can already answer. */
  void evictUpTo(long searchableSeq) {
    while (!order.isEmpty() && order.peekFirst().seq() <= searchableSeq) {
      Written w = order.removeFirst();
      Pending p = byDedupeKey.get(w.dedupeKey());
      if (p != null && p.interaction().seq() == w.seq()) {
        byDedupeKey.remove(w.dedupeKey());
      }
      for (String k : w.threadKeys()) {
        ThreadEntry e = byThreadKey.get(k);
        if (e != null && e.seq() == w.seq()) {
          byThreadKey.remove(k);
        }
      }
    }
  }
}
