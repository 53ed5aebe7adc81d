package io.contacthub.connector.webchat.session;

import io.vertx.core.json.JsonObject;

/**
 * What a visitor may see of a conversation, and how it looks on the wire. A visitor sees the web
 * chat messages of their site and the agents' chat replies, nothing else of the conversation (not
 * the emails or calls of the same customer, never notes, never another site's chat).
 */
final class ItemFrames {

  private ItemFrames() {}

  static boolean visible(JsonObject item, String site) {
    if (!"webchat".equals(item.getString("channel")) || !"message".equals(item.getString("kind"))) {
      return false;
    }
    if ("outbound".equals(item.getString("direction"))) {
      return true;
    }
    return site.equals(item.getJsonObject("extras", new JsonObject()).getString("site"));
  }

  /** The log sequence number plus one: the widget's "nothing seen yet" is 0. */
  static long wireSeq(JsonObject item) {
    return item.getLong("seq") + 1;
  }

  static boolean fromAgent(JsonObject item) {
    return "outbound".equals(item.getString("direction"));
  }

  static JsonObject frame(JsonObject item) {
    JsonObject extras = item.getJsonObject("extras", new JsonObject());
    boolean agent = fromAgent(item);
    JsonObject frame =
        new JsonObject()
            .put("type", "message")
            .put("seq", wireSeq(item))
            .put("id", item.getString("interactionId"))
            .put("conversationId", item.getString("conversationId"))
            .put("from", agent ? "agent" : "visitor")
            .put("text", item.getString("text", ""))
            .put("at", item.getString("occurredAt"));
    if (agent) {
      JsonObject author = extras.getJsonObject("author", new JsonObject());
      frame.put("agentName", author.getString("name", "Support"));
      frame.put("state", extras.containsKey("read") ? "read" : "delivered");
    } else {
      frame.put("clientId", extras.getString("clientId"));
      frame.put("state", extras.containsKey("agentRead") ? "read" : "sent");
    }
    return frame;
  }
}
