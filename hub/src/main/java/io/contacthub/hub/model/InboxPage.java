package io.contacthub.hub.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of the inbox; {@code nextCursor} is null on the last. */
public record InboxPage(List<Item> items, String nextCursor) {

  /** The longest preview of the last interaction's text, in characters. */
  public static final int PREVIEW_CHARS = 160;

  /**
   * A conversation as the inbox lists it.
   *
   * @param customerDisplayName the customer's name, or null when none is known
   * @param last the newest interaction, or null when it is not searchable yet
   */
  public record Item(Conversation conversation, String customerDisplayName, Interaction last) {

    public JsonObject toJson() {
      JsonObject json = conversation.toJson().put("customerDisplayName", customerDisplayName);
      if (last == null) {
        return json.putNull("lastInteraction");
      }
      return json.put(
          "lastInteraction",
          new JsonObject()
              .put("interactionId", last.id())
              .put("channel", last.channel().wireName())
              .put("direction", last.direction().wireName())
              .put("kind", last.kind().wireName())
              .put("occurredAt", last.occurredAt().toString())
              .put("preview", preview(last.text())));
    }
  }

  public JsonObject toJson() {
    JsonArray arr = new JsonArray();
    items.forEach(i -> arr.add(i.toJson()));
    return new JsonObject().put("items", arr).put("nextCursor", nextCursor);
  }

  /** The text on one line, cut at a code point boundary. */
  static String preview(String text) {
    if (text == null) {
      return null;
    }
    String line = text.strip().replaceAll("\\s+", " ");
    if (line.length() <= PREVIEW_CHARS) {
      return line;
    }
    int end = line.offsetByCodePoints(0, line.codePointCount(0, PREVIEW_CHARS - 1));
    return line.substring(0, end) + "…";
  }
}
