package io.contacthub.hub.routing.work;

import java.util.Locale;

/** Where a work item stands: waiting in its queue, offered to one agent, assigned, or done. */
public enum ItemState {
  WAITING,
  OFFERED,
  ASSIGNED,
  CLOSED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
