package io.contacthub.hub.events;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Publishes live events on the Vert.x event bus at {@link #ADDRESS}; the stream endpoint on every
 * verticle instance subscribes and forwards each event to the connections its audience includes.
 * Message body: {@code {"type": ..., "audience": {...}, "payload": {...}}}.
 */
public final class LiveEvents {

  public static final String ADDRESS = "hub.live";

  private final Vertx vertx;

  public LiveEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  public void publish(String type, JsonObject payload, Audience audience) {
    vertx
        .eventBus()
        .publish(
            ADDRESS,
            new JsonObject()
                .put("type", type)
                .put("audience", audience.toJson())
                .put("payload", payload));
  }

  public void publish(HubEvent event, JsonObject payload, Audience audience) {
    publish(event.type(), payload, audience);
  }
}
