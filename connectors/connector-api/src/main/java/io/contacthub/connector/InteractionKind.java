package io.contacthub.connector;

import java.util.Locale;
import java.util.Optional;

/** What an interaction is: a message, a phone call, an agent's note or a status event. */
public enum InteractionKind {
  MESSAGE,
  CALL,
  NOTE,
  STATUS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<InteractionKind> fromWireName(String name) {
    for (InteractionKind k : values()) {
      if (k.wireName().equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
