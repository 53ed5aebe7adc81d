package io.contacthub.hub.routing.engine;

import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.sla.SlaWatch;
import io.contacthub.hub.routing.work.ItemState;
import io.contacthub.hub.routing.work.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each open item and each agent next needs the routing timers: an offer's expiry, the end of a
 * hold for the preferred agent, the next SLA notice; the end of a wrap-up. It watches every change
 * of the state, so it is right however the state came about (the engine's decisions, journal
 * entries a replica applied before it took the lead); over a loaded state it is built from the
 * whole state once.
 */
final class Timers implements RoutingState.Observer {

  private final RoutingState state;
  private final SlaWatch sla;
  private final DueTimes items = new DueTimes();
  private final DueTimes wrapUps = new DueTimes();

  Timers(RoutingState state, SlaWatch sla) {
    this.state = state;
    this.sla = sla;
    state.items().forEach(this::itemChanged);
    state.agents().forEach(this::agentChanged);
    state.observe(this);
  }

  @Override
  public void itemChanged(WorkItem w) {
    // A hold that ended before now is still looked at once: nothing has acted on it yet.
    items.schedule(w.id(), nextLook(w, null));
  }

  @Override
  public void agentChanged(Agent a) {
    boolean wrapping = a.presence() == Presence.WRAP_UP && a.wrapUp() != null;
    wrapUps.schedule(a.login(), wrapping ? a.wrapUp().until() : null);
  }

  /** The open items due at {@code now}, taken out: put each back with {@link #looked}. */
  List<WorkItem> itemsDue(Instant now) {
    List<WorkItem> due = new ArrayList<>();
    for (String id : items.takeDue(now)) {
      state.item(id).ifPresent(due::add);
    }
    return due;
  }

  /** The agents whose wrap-up ends at or before {@code now}; ending it takes them out. */
  List<String> wrapUpsDue(Instant now) {
    return wrapUps.takeDue(now);
  }

  /** The timers acted on the item at {@code now}: its next look is after that. */
  void looked(WorkItem w, Instant now) {
    items.schedule(w.id(), nextLook(w, now));
  }

  /** When the item next needs a look; null when never (closed, or nothing left to time). */
  private Instant nextLook(WorkItem w, Instant lookedAt) {
    if (!w.isOpen()) {
      return null;
    }
    Instant next = sla.nextCheck(w);
    if (w.state() == ItemState.OFFERED) {
      next = earliest(next, w.offerExpiresAt());
    }
    if (holdsForPreferred(w) && (lookedAt == null || w.stickyUntil().isAfter(lookedAt))) {
      next = earliest(next, w.stickyUntil());
    }
    return next;
  }

  /** Whether the waiting item is (or was, until its hold ended) kept for its preferred agent. */
  static boolean holdsForPreferred(WorkItem w) {
    return w.state() == ItemState.WAITING
        && !w.isCall()
        && w.preferredAgent() != null
        && w.stickyUntil() != null
        && !w.declinedBy().contains(w.preferredAgent());
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  /** When the item is next looked at; null when it is not (for tests). */
  Instant nextLookOf(String itemId) {
    return items.dueOf(itemId);
  }

  /** How many items are timed (for tests: one entry per open item at most). */
  int itemsTimed() {
    return items.size();
  }
}
