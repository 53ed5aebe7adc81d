package io.contacthub.connector;

import java.util.Locale;
import java.util.Optional;

/** Whether the customer reached us (inbound) or we reached the customer (outbound). */
public enum Direction {
  INBOUND,
  OUTBOUND;

  // Computed once: ingest asks for it several times per identity and interaction.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Optional<Direction> fromWireName(String name) {
    for (Direction d : values()) {
      if (d.wireName().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
