package io.contacthub.hub.model;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  private static final Channel[] CHANNELS = Channel.values();

  public Conversation {
    channels = channels == null ? Set.of() : Set.copyOf(channels);
  }

  public JsonObject toJson() {
    return JsonTree.of(this, Conversation::writeJson);
  }

  /** The fields of {@link #toJson()}, written to {@code out}; channels in their declared order. */
  public static void writeJson(Conversation c, JsonOut out) {
    List<String> chans = new ArrayList<>(c.channels.size());
    for (Channel channel : CHANNELS) {
      if (c.channels.contains(channel)) {
        chans.add(channel.wireName());
      }
    }
    out.put("conversationId", c.id)
        .put("customerId", c.customerId)
        .put("status", c.status.wireName())
        .putStrings("channels", chans)
        .put("subject", c.subject)
        .put("createdAt", InstantText.of(c.createdAt))
        .put("lastActivityAt", InstantText.of(c.lastActivityAt))
        .put("interactionCount", c.interactionCount);
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
