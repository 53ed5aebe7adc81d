package io.contacthub.connector.phone.pop;

import io.contacthub.connector.ConnectorContext;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a ringing call is for: the agents the phone system names ({@code user[]}, {@code
 * answeringNumber}, a dialed extension) matched by login, name, extension or email; else the
 * available agents of the call's queue (its members in {@code phone.queues}, and the agents who
 * serve the hub's routing queue of that name); else every available agent. Available means the
 * agent's presence in routing, not merely an open desktop. Only when nobody at all is available
 * does the pop go to every staff member on the stream: a ringing call is never shown to nobody.
 */
public final class AgentTargeting {

  private final ConnectorContext ctx;
  private final Map<String, List<String>> queues;

  public AgentTargeting(ConnectorContext ctx, Map<String, List<String>> queues) {
    this.ctx = ctx;
    this.queues = queues;
  }

  /** The first pop of a call: never nobody. */
  public Future<Audience> initial(List<String> keys, String queue) {
    return matching(keys)
        .compose(named -> named.isEmpty() ? availableFor(queue) : Future.succeededFuture(named));
  }

  private Future<Audience> availableFor(String queue) {
    Future<Set<String>> everyone = ctx.availableAgents(null);
    if (queue == null) {
      return everyone.map(AgentTargeting::orEveryone);
    }
    Future<Set<String>> members = ctx.findAgents(queues.getOrDefault(queue, List.of()));
    Future<Set<String>> serving = ctx.availableAgents(queue);
    return Future.all(everyone, members, serving)
        .map(
            all -> {
              Set<String> inQueue = new TreeSet<>(serving.result());
              members.result().stream().filter(everyone.result()::contains).forEach(inQueue::add);
              return orEveryone(inQueue.isEmpty() ? everyone.result() : inQueue);
            });
  }

  private static Audience orEveryone(Set<String> logins) {
    return logins.isEmpty() ? Audience.EVERYONE : Audience.of(logins);
  }

  /** Only the agents the keys name; a later ring never widens a pop to everyone. */
  public Future<Audience> matching(Collection<String> keys) {
    List<String> usable = keys.stream().filter(k -> k != null && !k.isBlank()).toList();
    if (usable.isEmpty()) {
      return Future.succeededFuture(Audience.NOBODY);
    }
    return ctx.findAgents(usable).map(Audience::of);
  }

  /**
   * Who answered, as a login when the keys name a staff user (the answering number first, the most
   * specific), else as the phone system wrote it; null when nothing was said.
   */
  public Future<String> answeredBy(String answeringNumber, List<String> users) {
    if (answeringNumber != null && !answeringNumber.isBlank()) {
      return login(List.of(answeringNumber), answeringNumber);
    }
    if (users.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return login(users, users.get(0));
  }

  private Future<String> login(List<String> keys, String fallback) {
    return ctx.findAgents(keys)
        .map(found -> found.isEmpty() ? fallback : new TreeSet<>(found).first())
        .recover(e -> Future.succeededFuture(fallback));
  }
}
