package io.contacthub.hub.events;

import io.contacthub.connector.LiveEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Lets the hub add to an event a connector publishes before it goes out (the offers in a
 * screen-pop). Must answer quickly: the event waits for it.
 */
@FunctionalInterface
public interface LiveEventEnricher {

  LiveEventEnricher NONE = e -> Future.succeededFuture(new Enriched(e.payload(), () -> {}));

  Future<Enriched> enrich(LiveEvent event);

  /**
   * @param payload what to publish
   * @param afterPublish runs once the event is published (follow-up events go after it)
   */
  record Enriched(JsonObject payload, Runnable afterPublish) {}
}
