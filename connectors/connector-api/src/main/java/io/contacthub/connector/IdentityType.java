package io.contacthub.connector;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of identity a customer can have. Platform ids (Messenger PSID, Instagram IGSID,
 * Telegram user id) are namespaced by their platform, because the same number means different
 * people on different platforms. A WhatsApp {@code wa_id} is a {@link #PHONE}.
 */
public enum IdentityType {
  EMAIL,
  PHONE,
  MESSENGER,
  INSTAGRAM,
  TELEGRAM,
  /** An anonymous web-chat visitor, identified by the hub-signed visitor token's subject. */
  VISITOR,
  /** A customer id in an external CRM. */
  EXTERNAL;

  // Computed once: ingest asks for it several times per identity and interaction.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Optional<IdentityType> fromWireName(String name) {
    for (IdentityType t : values()) {
      if (t.wireName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
