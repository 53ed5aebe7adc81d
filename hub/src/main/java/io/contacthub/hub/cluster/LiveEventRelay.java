package io.contacthub.hub.cluster;

import io.contacthub.hub.events.LiveEvents;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries live events between nodes over one Redis pub/sub channel. Every event published on this
 * node's {@link LiveEvents#ADDRESS} is delivered here as before and also published to Redis, tagged
 * with this node's id; events from Redis tagged with another node's id are published on this node's
 * address, where its stream connections pick what they are for. A node skips its own echo, so every
 * connection gets each event once.
 *
 * <p>An outbound event-bus interceptor does the forwarding, so the publishers of live events stay
 * as they are in the embedded mode. Pub/sub is at most once: an agent whose node missed events
 * while Redis was away reads the inbox again on reconnect, as after any lost connection.
 */
final class LiveEventRelay {

  static final String CHANNEL = "contacthub:live";
  private static final String ORIGIN = "hub-origin-node";
  private static final Logger LOG = LoggerFactory.getLogger(LiveEventRelay.class);

  private final Vertx vertx;
  private final String nodeId;
  private final RedisAsyncCommands<String, String> commands;
  private final StatefulRedisPubSubConnection<String, String> subscription;
  private final AtomicBoolean failing = new AtomicBoolean();
  private final Handler<DeliveryContext<Object>> forward = this::forward;

  LiveEventRelay(
      Vertx vertx,
      String nodeId,
      RedisAsyncCommands<String, String> commands,
      StatefulRedisPubSubConnection<String, String> subscription) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.commands = commands;
    this.subscription = subscription;
  }

  /** Subscribes to the channel, then starts forwarding this node's events. */
  Future<Void> start() {
    subscription.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            receive(message);
          }
        });
    return Future.fromCompletionStage(
            subscription.async().subscribe(CHANNEL), vertx.getOrCreateContext())
        .onSuccess(v -> vertx.eventBus().addOutboundInterceptor(forward))
        .mapEmpty();
  }

  void stop() {
    vertx.eventBus().removeOutboundInterceptor(forward);
  }

  private void forward(DeliveryContext<Object> delivery) {
    try {
      if (LiveEvents.ADDRESS.equals(delivery.message().address())
          && delivery.message().headers().get(ORIGIN) == null
          && delivery.body() instanceof JsonObject event) {
        String message = new JsonObject().put("node", nodeId).put("event", event).encode();
        commands.publish(CHANNEL, message).whenComplete((n, e) -> reportPublish(e));
      }
    } finally {
      delivery.next();
    }
  }

  private void receive(String message) {
    JsonObject envelope;
    try {
      envelope = new JsonObject(message);
    } catch (RuntimeException e) {
      LOG.warn("Ignored a malformed message on Redis channel {}", CHANNEL);
      return;
    }
    String origin = envelope.getString("node");
    JsonObject event = envelope.getJsonObject("event");
    if (origin == null || origin.equals(nodeId) || event == null) {
      return;
    }
    vertx
        .eventBus()
        .publish(LiveEvents.ADDRESS, event, new DeliveryOptions().addHeader(ORIGIN, origin));
  }

  /** Logs the first failure of an outage and the recovery, not every lost event. */
  private void reportPublish(Throwable failure) {
    if (failure != null && failing.compareAndSet(false, true)) {
      LOG.warn(
          "Live events no longer reach other nodes (Redis: {}); retrying with every event",
          failure.getMessage());
    } else if (failure == null && failing.compareAndSet(true, false)) {
      LOG.info("Live events reach other nodes again");
    }
  }
}
