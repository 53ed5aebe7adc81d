package io.contacthub.connector.webchat.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open chat sockets by visitor id (a visitor with two tabs has two). Sockets live on every
 * event loop, so the index is concurrent; each socket's own state stays on its event loop.
 */
public final class Sessions {

  private final ConcurrentHashMap<String, Set<ChatSocket>> byVisitor = new ConcurrentHashMap<>();

  void add(ChatSocket s) {
    byVisitor.computeIfAbsent(s.visitorId(), k -> ConcurrentHashMap.newKeySet()).add(s);
  }

  void remove(ChatSocket s) {
    byVisitor.computeIfPresent(
        s.visitorId(),
        (k, set) -> {
          set.remove(s);
          return set.isEmpty() ? null : set;
        });
  }

  public List<ChatSocket> of(String visitorId) {
    Set<ChatSocket> set = byVisitor.get(visitorId);
    return set == null ? List.of() : List.copyOf(set);
  }

  /** The open sockets showing a conversation. */
  public List<ChatSocket> showing(String conversationId) {
    return byVisitor.values().stream()
        .flatMap(Set::stream)
        .filter(s -> s.shows(conversationId))
        .toList();
  }

  /** Every open socket, for a clean stop. */
  public List<ChatSocket> all() {
    return byVisitor.values().stream().flatMap(Set::stream).toList();
  }

  public int count() {
    return byVisitor.values().stream().mapToInt(Set::size).sum();
  }
}
