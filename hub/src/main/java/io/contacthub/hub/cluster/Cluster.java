package io.contacthub.hub.cluster;

import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.log.SharedLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What a node shares with the other nodes of a cluster: the embedded mode shares nothing, cluster
 * mode (HUB_REDIS_URL) shares through Redis. The rest of the hub sees only this interface.
 */
public interface Cluster {

  /**
   * Joins the cluster the configuration names, or stays a single node when it names none. Fails
   * when the cluster settings are invalid or Redis cannot be reached.
   */
  static Future<Cluster> join(Vertx vertx, HubConfig config) {
    ClusterOptions options;
    try {
      options = ClusterOptions.from(config);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (options == null) {
      return Future.succeededFuture(new SingleNode());
    }
    return RedisCluster.connect(vertx, options).map(c -> c);
  }

  /** The log every node shares, in cluster mode; empty on a single node. */
  Optional<SharedLog> sharedLog();

  /** This node's readiness answer ({@code local}), with the shared layer's state added. */
  Future<JsonObject> readiness(JsonObject local);

  Future<Void> leave();
}
