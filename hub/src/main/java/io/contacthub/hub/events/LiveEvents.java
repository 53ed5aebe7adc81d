package io.contacthub.hub.events;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Publishes live events as {@link LiveFrame}s on the {@link LiveBus}; the stream endpoint on every
 * event loop subscribes and forwards each to the connections its audience (and, for content events,
 * their stream filter) includes.
 */
public final class LiveEvents {

  private final LiveBus bus;

  public LiveEvents(Vertx vertx) {
    this.bus = LiveBus.of(vertx);
  }

  /**
   * Publishes an event; a content event's conversation is its payload's {@code conversationId},
   * when it has one.
   */
  public void publish(String type, JsonObject payload, Audience audience) {
    Object conversation = payload == null ? null : payload.getValue("conversationId");
    publish(
        new LiveFrame(
            type,
            payload,
            audience,
            conversation instanceof String id ? Set.of(id) : Set.of(),
            Set.of()));
  }

  public void publish(HubEvent event, JsonObject payload, Audience audience) {
    publish(event.type(), payload, audience);
  }

  /** A frame another node published, for this node's connections (cluster mode). */
  public void publishRelayed(LiveFrame frame) {
    bus.publish(frame);
  }

  /** A frame built by its producer (the change events of a log record, with their seq). */
  public void publish(LiveFrame frame) {
    bus.publish(frame);
  }
}
