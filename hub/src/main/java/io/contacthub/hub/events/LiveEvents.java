package io.contacthub.hub.events;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Publishes live events on the Vert.x event bus at {@link #ADDRESS} as {@link LiveFrame}s; the
 * stream endpoint on every event loop subscribes and forwards each to the connections its audience
 * (and, for content events, their stream filter) includes.
 */
public final class LiveEvents {

  public static final String ADDRESS = "hub.live";

  /** The Vert.x instances the frame codec is registered on (once each). */
  private static final Set<Vertx> WITH_CODEC =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private final Vertx vertx;

  public LiveEvents(Vertx vertx) {
    this.vertx = vertx;
    if (WITH_CODEC.add(vertx)) {
      vertx.eventBus().registerDefaultCodec(LiveFrame.class, new LiveFrameCodec());
    }
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

  /** A content event for staff about these conversations and customers. */
  public void publishAbout(
      HubEvent event, JsonObject payload, Set<String> conversationIds, Set<String> customerIds) {
    publish(new LiveFrame(event.type(), payload, Audience.STAFF, conversationIds, customerIds));
  }

  private void publish(LiveFrame frame) {
    vertx.eventBus().publish(ADDRESS, frame);
  }
}
