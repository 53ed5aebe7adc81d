package io.contacthub.hub.model;

import java.util.Locale;
import java.util.Optional;

/** Where a conversation stands. A new inbound message reopens a pending or resolved one. */
public enum ConversationStatus {
  OPEN,
  PENDING,
  RESOLVED;

  // Computed once: ingest asks for it several times per identity and interaction.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Optional<ConversationStatus> fromWireName(String name) {
    for (ConversationStatus s : values()) {
      if (s.wireName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
