package io.contacthub.hub.ui;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** Ingest bodies for the browser tests, in the shape of POST /api/v1/interactions. */
final class Seed {

  private Seed() {}

  static JsonObject identity(String type, String value, String displayName) {
    JsonObject id = new JsonObject().put("type", type).put("value", value);
    return displayName == null ? id : id.put("displayName", displayName);
  }

  static JsonObject message(String channel, String text, JsonObject... identities) {
    return new JsonObject()
        .put("channel", channel)
        .put("externalId", UUID.randomUUID().toString())
        .put("direction", "inbound")
        .put("occurredAt", Instant.now().toString())
        .put("identities", new JsonArray(java.util.List.of((Object[]) identities)))
        .put("text", text);
  }

  static JsonObject email(String from, String name, String subject, String text, String html) {
    JsonObject m =
        message("email", text, identity("email", from, name))
            .put("subject", subject)
            .put("messageId", "<" + UUID.randomUUID() + "@example.com>");
    return html == null ? m : m.put("html", html);
  }

  /** A finished call, as the phone connector stores it: the facts under extras.call. */
  static JsonObject call(String number, int seconds, String answeredBy, String note) {
    JsonObject call =
        new JsonObject()
            .put("state", "ended")
            .put("direction", "inbound")
            .put("from", number)
            .put("to", "100")
            .put("queue", "support")
            .put("answeredBy", answeredBy)
            .put("startedAt", Instant.now().minusSeconds(seconds + 20).toString())
            .put("durationSeconds", seconds)
            .put("waitSeconds", 12)
            .put(
                "notes",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("at", Instant.now().toString())
                            .put("author", answeredBy)
                            .put("text", note)));
    return message(
            "phone", "Inbound call, answered by " + answeredBy, identity("phone", number, null))
        .put("kind", "call")
        .put("extras", new JsonObject().put("call", call));
  }
}
