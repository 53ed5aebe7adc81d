package io.contacthub.hub.routing.sla;

import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.routing.engine.Notices;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.work.WorkItem;
import java.time.Instant;

/**
 * The SLA timers: every open conversation carries its first-response and resolution due times
 * (absolute, fixed when it arrived, journaled with it), so a restart loses no timer; a check sends
 * a warning once the configured share of the target has elapsed and a breach at the due time, each
 * at most once (the notices sent are journaled with the item too). The engine checks a conversation
 * when {@link #nextCheck} says, not every conversation on every tick.
 */
public final class SlaWatch {

  public static final String FIRST_RESPONSE = "firstResponse";
  public static final String RESOLUTION = "resolution";

  /** A target and the keys of its notices, built once: looked up on every change of an item. */
  private record Target(String name, String warningKey, String breachedKey) {
    Target(String name) {
      this(name, name + ".warning", name + ".breached");
    }
  }

  private static final Target FIRST_RESPONSE_TARGET = new Target(FIRST_RESPONSE);
  private static final Target RESOLUTION_TARGET = new Target(RESOLUTION);

  private final RoutingState state;
  private final Notices notices;
  private final int warningPercent;

  public SlaWatch(RoutingState state, Notices notices, int warningPercent) {
    this.state = state;
    this.notices = notices;
    this.warningPercent = warningPercent;
  }

  /** Sends what is due for the conversation at {@code now}. */
  public void check(WorkItem w, Instant now) {
    if (w.isCall() || !w.isOpen()) {
      return;
    }
    if (w.firstResponseAt() == null) {
      check(w, FIRST_RESPONSE_TARGET, w.firstResponseDue(), now);
    }
    check(w, RESOLUTION_TARGET, w.resolutionDue(), now);
  }

  /** When {@link #check} next has a notice to send for the conversation; null when none is left. */
  public Instant nextCheck(WorkItem w) {
    if (w.isCall() || !w.isOpen()) {
      return null;
    }
    Instant firstResponse =
        w.firstResponseAt() == null
            ? nextCheck(w, FIRST_RESPONSE_TARGET, w.firstResponseDue())
            : null;
    Instant resolution = nextCheck(w, RESOLUTION_TARGET, w.resolutionDue());
    if (firstResponse == null) {
      return resolution;
    }
    return resolution == null || firstResponse.isBefore(resolution) ? firstResponse : resolution;
  }

  private Instant nextCheck(WorkItem w, Target target, Instant due) {
    if (due == null || w.noticed(target.breachedKey())) {
      return null;
    }
    return w.noticed(target.warningKey()) ? due : warnAt(w.createdAt(), due);
  }

  /** The times first: most conversations are before their warning, which needs no lookup. */
  private void check(WorkItem w, Target target, Instant due, Instant now) {
    if (due == null) {
      return;
    }
    if (!now.isBefore(due)) {
      if (w.noticed(target.breachedKey())) {
        return;
      }
      state.amend(
          w,
          x -> {
            x.notice(target.warningKey());
            x.notice(target.breachedKey());
          });
      notices.sla(HubEvent.SLA_BREACHED, w, target.name(), due);
      return;
    }
    if (now.isBefore(warnAt(w.createdAt(), due)) || w.noticed(target.warningKey())) {
      return;
    }
    state.amend(w, x -> x.notice(target.warningKey()));
    notices.sla(HubEvent.SLA_WARNING, w, target.name(), due);
  }

  /**
   * When the warning share of the target has elapsed. Asked on every change of a conversation, so
   * it does the arithmetic itself rather than through {@code Duration}.
   */
  Instant warnAt(Instant start, Instant due) {
    long nanos =
        (due.getEpochSecond() - start.getEpochSecond()) * 1_000_000_000L
            + (due.getNano() - start.getNano());
    return start.plusMillis(Math.floorDiv(nanos, 1_000_000L) * warningPercent / 100);
  }
}
