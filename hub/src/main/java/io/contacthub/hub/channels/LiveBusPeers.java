package io.contacthub.hub.channels;

import io.contacthub.connector.Peers;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.LiveBus;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.events.LiveFrame;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector's {@link Peers} in cluster mode, over the node's live bus: the cluster's event relay
 * already carries every frame published on it to the other nodes (one Redis pub/sub channel,
 * decision 0014; at most once, lost while Redis is away). Peer messages are frames of type {@value
 * #TYPE} whose audience is nobody, so no stream connection shows them; this node takes only those
 * another node published. An offer's takers answer with a frame of their own that names the offer.
 */
final class LiveBusPeers implements Peers {

  static final String TYPE = "connector.peer";
  private static final Audience NOBODY = new Audience(Set.of(), Set.of());
  private static final Logger LOG = LoggerFactory.getLogger(LiveBusPeers.class);

  private final Vertx vertx;
  private final String connector;
  private final LiveEvents events;
  private final Map<String, Promise<Boolean>> offered = new ConcurrentHashMap<>();
  private final Runnable unsubscribe;
  private volatile Predicate<JsonObject> handler = m -> false;

  /** Listens for {@code connector}'s peers (its factory type) at once. */
  LiveBusPeers(Vertx vertx, String connector) {
    this.vertx = vertx;
    this.connector = connector;
    this.events = new LiveEvents(vertx);
    this.unsubscribe =
        LiveBus.of(vertx)
            .subscribe(
                vertx.getOrCreateContext(),
                f -> f.origin() != null && TYPE.equals(f.type()),
                this::arrived);
  }

  @Override
  public void broadcast(JsonObject message) {
    publish(new JsonObject().put("kind", "broadcast").put("message", message));
  }

  @Override
  public Future<Boolean> offer(JsonObject message, Duration within) {
    String id = UUID.randomUUID().toString();
    Promise<Boolean> taken = Promise.promise();
    offered.put(id, taken);
    long timer =
        vertx.setTimer(
            Math.max(1, within.toMillis()),
            t -> {
              if (offered.remove(id) != null) {
                taken.tryComplete(false);
              }
            });
    publish(new JsonObject().put("kind", "offer").put("id", id).put("message", message));
    return taken.future().onComplete(r -> vertx.cancelTimer(timer));
  }

  @Override
  public void receive(Predicate<JsonObject> handler) {
    this.handler = handler;
  }

  /** Stops listening (the connectors are stopping). */
  void close() {
    unsubscribe.run();
  }

  private void publish(JsonObject payload) {
    events.publish(TYPE, payload.put("connector", connector), NOBODY);
  }

  private void arrived(LiveFrame frame) {
    JsonObject payload = frame.toWire().getJsonObject("payload", new JsonObject());
    if (!connector.equals(payload.getString("connector"))) {
      return;
    }
    String kind = payload.getString("kind", "");
    switch (kind) {
      case "taken" -> {
        // Every node hears the answer; only the one that made the offer waits for its id.
        Promise<Boolean> waiting = offered.remove(payload.getString("id", ""));
        if (waiting != null) {
          waiting.tryComplete(true);
        }
      }
      case "broadcast" -> take(payload.getJsonObject("message"));
      case "offer" -> {
        if (take(payload.getJsonObject("message"))) {
          publish(new JsonObject().put("kind", "taken").put("id", payload.getString("id")));
        }
      }
      default -> LOG.debug("ignored a peer message of kind {}", kind);
    }
  }

  private boolean take(JsonObject message) {
    if (message == null) {
      return false;
    }
    try {
      return handler.test(message);
    } catch (RuntimeException e) {
      LOG.warn("connector {} failed on a message from a peer", connector, e);
      return false;
    }
  }
}
