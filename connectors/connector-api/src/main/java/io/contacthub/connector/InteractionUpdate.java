package io.contacthub.connector;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A change to an interaction already stored: a call that was answered or ended, a delivery state of
 * an outbound message. Updates are applied in log order; re-applying one is harmless.
 *
 * @param text replaces the interaction's text when not null
 * @param extras merged into the interaction's extras (top-level keys replaced)
 */
public record InteractionUpdate(
    Channel channel, String externalId, Instant occurredAt, String text, JsonObject extras) {

  public InteractionUpdate {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    occurredAt = occurredAt == null ? Instant.now() : occurredAt;
    extras = extras == null ? new JsonObject() : extras.copy();
  }
}
