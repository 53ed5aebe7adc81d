package io.contacthub.connector;

import java.util.Locale;
import java.util.Optional;

/** Every channel a customer can reach the contact center on. Wire name is the lower-case name. */
public enum Channel {
  EMAIL,
  WEBCHAT,
  PHONE,
  WHATSAPP,
  MESSENGER,
  INSTAGRAM,
  TELEGRAM;

  // Computed once: ingest asks for it several times per identity and interaction.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name used in JSON, URLs and index fields. */
  public String wireName() {
    return wireName;
  }

  public static Optional<Channel> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (Channel c : values()) {
      if (c.wireName().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
