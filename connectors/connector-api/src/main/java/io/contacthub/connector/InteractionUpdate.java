package io.contacthub.connector;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change to an interaction already stored: a call that was answered or ended, a delivery state of
 * an outbound message. Updates are applied in log order; re-applying one is harmless.
 *
 * @param text replaces the interaction's text when not null
 * @param extras merged into the interaction's extras (top-level keys replaced)
 * @param threadKeys keys added to the interaction's thread keys (e.g. the Message-ID a reply was
 *     sent with, so the customer's answer threads back)
 */
public record InteractionUpdate(
    Channel channel,
    String externalId,
    Instant occurredAt,
    String text,
    JsonObject extras,
    List<String> threadKeys) {

  public InteractionUpdate {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    occurredAt = occurredAt == null ? Instant.now() : occurredAt;
    extras = extras == null ? new JsonObject() : extras.copy();
    threadKeys = threadKeys == null ? List.of() : List.copyOf(threadKeys);
  }

  /** An update that adds no thread keys. */
  public InteractionUpdate(
      Channel channel, String externalId, Instant occurredAt, String text, JsonObject extras) {
    this(channel, externalId, occurredAt, text, extras, List.of());
  }
}
