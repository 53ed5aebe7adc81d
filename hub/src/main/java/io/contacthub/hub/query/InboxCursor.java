package io.contacthub.hub.query;

import io.contacthub.hub.conversation.ConversationStore.ActivityKey;
import io.contacthub.hub.model.HubException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The inbox cursor on the wire: the last listed conversation's place in the order, as opaque
 * URL-safe base64. A position rather than an offset, so conversations that move to the top while an
 * agent pages are neither skipped nor repeated further down.
 */
final class InboxCursor {

  private static final String VERSION = "1";
  private static final char SEP = '\n';

  private InboxCursor() {}

  static String encode(ActivityKey key) {
    String raw = VERSION + SEP + key.lastActivityAt() + SEP + key.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The position, or null for no cursor; a 400 for one this API did not issue. */
  static ActivityKey decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(String.valueOf(SEP), 3);
      if (parts.length == 3 && parts[0].equals(VERSION) && !parts[2].isEmpty()) {
        return new ActivityKey(Instant.parse(parts[1]), parts[2]);
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // Falls through to the same answer as any other malformed cursor.
    }
    throw HubException.badRequest("cursor: not a cursor issued by this API");
  }
}
