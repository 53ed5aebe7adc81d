package io.contacthub.hub.events;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One live event on its way to the stream endpoints: who may get it, which conversations and
 * customers it is about (the stream filter targets by these), and its frame, JSON-encoded at most
 * once however many connections it goes to. Travels by reference, never copied, so the payload must
 * not change once published.
 */
public final class LiveFrame {

  private final String type;
  private final JsonObject payload;
  private final Audience audience;
  private final Set<String> conversationIds;
  private final Set<String> customerIds;
  private volatile byte[] encoded;

  public LiveFrame(
      String type,
      JsonObject payload,
      Audience audience,
      Set<String> conversationIds,
      Set<String> customerIds) {
    this.type = type;
    this.payload = payload;
    this.audience = audience;
    this.conversationIds = Set.copyOf(conversationIds);
    this.customerIds = Set.copyOf(customerIds);
  }

  public String type() {
    return type;
  }

  public Audience audience() {
    return audience;
  }

  public Set<String> conversationIds() {
    return conversationIds;
  }

  public Set<String> customerIds() {
    return customerIds;
  }

  /**
   * Whether this is about a conversation's content (interaction.*, conversation.*, customer.*,
   * typing), which a connection's stream filter narrows; pops, offers, assignments, presence, stats
   * and SLA notices go to their audience whatever the filter.
   */
  public boolean aboutContent() {
    return type.startsWith("interaction.")
        || type.startsWith("conversation.")
        || type.startsWith("customer.")
        || type.equals(HubEvent.WEBCHAT_TYPING.type());
  }

  /**
   * The frame {@code {"type": ..., "payload": ...}} as UTF-8. Two event loops may both encode it
   * the first time; they produce the same bytes, so the race is harmless and needs no lock.
   */
  public byte[] encoded() {
    byte[] e = encoded;
    if (e == null) {
      e =
          new JsonObject()
              .put("type", type)
              .put("payload", payload)
              .encode()
              .getBytes(StandardCharsets.UTF_8);
      encoded = e;
    }
    return e;
  }
}
