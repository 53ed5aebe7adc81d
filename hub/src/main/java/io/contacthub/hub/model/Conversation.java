package io.contacthub.hub.model;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conversation: the thread a customer's interactions join, possibly across channels.
 *
 * @param channels every channel the conversation has used
 * @param lastActivityAt the latest interaction's time; the continuity window counts from it
 */
public record Conversation(
    String id,
    String customerId,
    ConversationStatus status,
    Set<Channel> channels,
    String subject,
    Instant createdAt,
    Instant lastActivityAt,
    long interactionCount) {

  public Conversation {
    channels = channels == null ? Set.of() : Set.copyOf(channels);
  }

  public JsonObject toJson() {
    JsonArray chans = new JsonArray();
    new TreeSet<>(channels).forEach(c -> chans.add(c.wireName()));
    return new JsonObject()
        .put("conversationId", id)
        .put("customerId", customerId)
        .put("status", status.wireName())
        .put("channels", chans)
        .put("subject", subject)
        .put("createdAt", createdAt.toString())
        .put("lastActivityAt", lastActivityAt.toString())
        .put("interactionCount", interactionCount);
  }

  public static Conversation fromJson(JsonObject j) {
    Set<Channel> chans = new TreeSet<>();
    j.getJsonArray("channels", new JsonArray())
        .forEach(c -> chans.add(Channel.fromWireName((String) c).orElseThrow()));
    return new Conversation(
        j.getString("conversationId"),
        j.getString("customerId"),
        ConversationStatus.fromWireName(j.getString("status")).orElseThrow(),
        chans,
        j.getString("subject"),
        Instant.parse(j.getString("createdAt")),
        Instant.parse(j.getString("lastActivityAt")),
        j.getLong("interactionCount", 0L));
  }
}
