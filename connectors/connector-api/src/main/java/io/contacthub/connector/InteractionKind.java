package io.contacthub.connector;

import java.util.Locale;
import java.util.Optional;

/** What an interaction is: a message, a phone call, an agent's note or a status event. */
public enum InteractionKind {
  MESSAGE,
  CALL,
  NOTE,
  STATUS;

  // Computed once: ingest asks for it several times per identity and interaction.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
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
