package io.contacthub.connector.phone.cdr;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Call-log times: Asterisk's local {@code yyyy-MM-dd HH:mm:ss}, or ISO-8601 with an offset. */
final class CdrTimes {

  private static final DateTimeFormatter ASTERISK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private CdrTimes() {}

  /** The instant, null for an empty value; throws {@link IllegalArgumentException} otherwise. */
  static Instant parse(String value, ZoneId zone, String column) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return LocalDateTime.parse(v, ASTERISK).atZone(zone).toInstant();
    } catch (DateTimeParseException notLocal) {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            column + " '" + v + "' is neither yyyy-MM-dd HH:mm:ss nor ISO-8601 with an offset");
      }
    }
  }
}
