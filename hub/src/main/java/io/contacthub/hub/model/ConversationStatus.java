package io.contacthub.hub.model;

import java.util.Locale;
import java.util.Optional;

/** Where a conversation stands. A new inbound message reopens a pending or resolved one. */
public enum ConversationStatus {
  OPEN,
  PENDING,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
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
