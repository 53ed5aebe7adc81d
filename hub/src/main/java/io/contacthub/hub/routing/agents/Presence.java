package io.contacthub.hub.routing.agents;

import java.util.Locale;
import java.util.Optional;

/** What an agent said about taking work; WRAP_UP is set by the hub after a call, for a while. */
public enum Presence {
  AVAILABLE,
  AWAY,
  OFFLINE,
  WRAP_UP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Presence> fromWireName(String name) {
    for (Presence p : values()) {
      if (p.wireName().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
