package io.contacthub.hub.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** Builders for API ingest bodies, so tests read as the scenario they check. */
public final class Interactions {

  private Interactions() {}

  static JsonObject message(
      String channel, String identityType, String identityValue, String text) {
    return message(channel, UUID.randomUUID().toString(), identityType, identityValue, text);
  }

  /** A web chat message from an anonymous visitor, with the delivery's own id. */
  public static JsonObject chat(String externalId, String visitor, String text) {
    return message("webchat", externalId, "visitor", visitor, text);
  }

  /** An inbound message with the delivery's own id, from the one identity. */
  public static JsonObject message(
      String channel, String externalId, String identityType, String identityValue, String text) {
    return new JsonObject()
        .put("channel", channel)
        .put("externalId", externalId)
        .put("direction", "inbound")
        .put("occurredAt", Instant.now().toString())
        .put(
            "identities",
            new JsonArray()
                .add(new JsonObject().put("type", identityType).put("value", identityValue)))
        .put("text", text);
  }

  static JsonObject email(String from, String messageId, String subject, String text) {
    return message("email", "email", from, text)
        .put("messageId", messageId)
        .put("subject", subject);
  }
}
