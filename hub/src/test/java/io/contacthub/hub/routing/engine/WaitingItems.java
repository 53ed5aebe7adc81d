package io.contacthub.hub.routing.engine;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.work.WorkItem;
import java.time.Instant;

/** Waiting web chat conversations for routing state tests: item i arrived i seconds after T0. */
public final class WaitingItems {

  public static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  private WaitingItems() {}

  public static WorkItem item(int i) {
    return new WorkItem(
        "conv-" + i,
        "conv-" + i,
        "cust-" + i,
        Channel.WEBCHAT,
        false,
        "general",
        T0.plusSeconds(i),
        T0.plusSeconds(i + 600),
        T0.plusSeconds(i + 3_600));
  }

  /** A state holding items 0 to {@code items} - 1, with nothing left to journal. */
  public static RoutingState state(int items) {
    RoutingState s = new RoutingState();
    for (int i = 0; i < items; i++) {
      s.put(item(i));
    }
    s.drain();
    return s;
  }
}
