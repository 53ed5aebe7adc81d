package io.contacthub.hub.routing.sla;

import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.routing.engine.Notices;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.work.WorkItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

/**
 * The SLA timers: every open conversation carries its first-response and resolution due times
 * (absolute, fixed when it arrived, journaled with it), so a restart loses no timer; each check
 * sends a warning once the configured share of the target has elapsed and a breach at the due time,
 * each at most once (the notices sent are journaled with the item too).
 */
public final class SlaWatch {

  public static final String FIRST_RESPONSE = "firstResponse";
  public static final String RESOLUTION = "resolution";

  private final RoutingState state;
  private final Notices notices;
  private final int warningPercent;

  public SlaWatch(RoutingState state, Notices notices, int warningPercent) {
    this.state = state;
    this.notices = notices;
    this.warningPercent = warningPercent;
  }

  public void check(Instant now) {
    for (WorkItem w : new ArrayList<>(state.items())) {
      if (w.isCall()) {
        continue;
      }
      if (w.firstResponseAt() == null) {
        check(w, FIRST_RESPONSE, w.firstResponseDue(), now);
      }
      check(w, RESOLUTION, w.resolutionDue(), now);
    }
  }

  private void check(WorkItem w, String target, Instant due, Instant now) {
    if (due == null || w.noticed(target + ".breached")) {
      return;
    }
    if (!now.isBefore(due)) {
      state.change(
          w,
          x -> {
            x.notice(target + ".warning");
            x.notice(target + ".breached");
          });
      notices.sla(HubEvent.SLA_BREACHED, w, target, due);
      return;
    }
    if (!w.noticed(target + ".warning") && !now.isBefore(warnAt(w.createdAt(), due))) {
      state.change(w, x -> x.notice(target + ".warning"));
      notices.sla(HubEvent.SLA_WARNING, w, target, due);
    }
  }

  /** When the warning share of the target has elapsed. */
  Instant warnAt(Instant start, Instant due) {
    long millis = Duration.between(start, due).toMillis();
    return start.plusMillis(millis * warningPercent / 100);
  }
}
