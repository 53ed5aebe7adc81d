package io.contacthub.connector;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The same connector on the other nodes of a cluster, for state a connector keeps in memory (open
 * sockets): a node tells its peers about something only a peer can act on. Messages go at most once
 * and may be lost while the cluster's shared layer is away, so they may only speed up what durable
 * records would also bring about (a client's resume, a retry). On a single node there are no peers:
 * nothing is sent, and nobody takes an offer.
 */
public interface Peers {

  /** No peers: the embedded mode. */
  Peers NONE =
      new Peers() {
        @Override
        public void broadcast(JsonObject message) {}

        @Override
        public Future<Boolean> offer(JsonObject message, Duration within) {
          return Future.succeededFuture(false);
        }

        @Override
        public void receive(Predicate<JsonObject> handler) {}
      };

  /** Sends {@code message} to this connector on every other node. */
  void broadcast(JsonObject message);

  /**
   * Sends {@code message} to this connector on every other node and completes with true as soon as
   * one of them took it (its handler answered true), or with false once {@code within} passed
   * without that; false at once when there are no peers or they cannot be reached.
   */
  Future<Boolean> offer(JsonObject message, Duration within);

  /**
   * Sets what to do with the peers' messages (broadcasts and offers alike): called on an event
   * loop, so it must not block; it answers whether this node took the message, which only an
   * offer's sender hears of.
   */
  void receive(Predicate<JsonObject> handler);
}
