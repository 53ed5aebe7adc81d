package io.contacthub.hub.cluster;

import io.contacthub.hub.events.LiveBus;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.events.LiveFrame;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries live events between nodes over one Redis pub/sub channel. Every frame published on this
 * node's {@link LiveBus} is delivered here as before and also published to Redis, tagged with this
 * node's id; frames from Redis tagged with another node's id go onto this node's bus, where its
 * stream connections pick what they are for. A node skips its own echo, and never forwards a frame
 * it got from Redis, so every connection gets each event once.
 *
 * <p>The relay subscribes to the bus like any stream endpoint, so the publishers of live events
 * stay as they are in the embedded mode. Pub/sub is at most once: an agent whose node missed events
 * while Redis was away reads the inbox again on reconnect, as after any lost connection.
 */
final class LiveEventRelay {

  static final String CHANNEL = "contacthub:live";
  private static final Logger LOG = LoggerFactory.getLogger(LiveEventRelay.class);

  private final Vertx vertx;
  private final String nodeId;
  private final RedisAsyncCommands<String, String> commands;
  private final StatefulRedisPubSubConnection<String, String> subscription;
  private final LiveEvents local;
  private final AtomicBoolean failing = new AtomicBoolean();
  private volatile Runnable unsubscribe = () -> {};

  LiveEventRelay(
      Vertx vertx,
      String nodeId,
      RedisAsyncCommands<String, String> commands,
      StatefulRedisPubSubConnection<String, String> subscription) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.commands = commands;
    this.subscription = subscription;
    this.local = new LiveEvents(vertx);
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
    Context context = vertx.getOrCreateContext();
    return Future.fromCompletionStage(subscription.async().subscribe(CHANNEL), context)
        .onSuccess(
            v ->
                unsubscribe =
                    LiveBus.of(vertx).subscribe(context, f -> f.origin() == null, this::forward))
        .mapEmpty();
  }

  void stop() {
    unsubscribe.run();
  }

  private void forward(LiveFrame frame) {
    String message = new JsonObject().put("node", nodeId).put("event", frame.toWire()).encode();
    commands.publish(CHANNEL, message).whenComplete((n, e) -> reportPublish(e));
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
    if (origin == null
        || origin.equals(nodeId)
        || event == null
        || event.getString("type") == null) {
      return;
    }
    local.publishRelayed(LiveFrame.fromWire(event, origin));
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
