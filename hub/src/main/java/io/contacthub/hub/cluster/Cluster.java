package io.contacthub.hub.cluster;

import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.auth.UserRecords;
import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.log.SharedLog;
import io.contacthub.hub.routing.SharedRouting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
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

  /** Routing shared by every node, in cluster mode; empty on a single node. */
  Optional<SharedRouting> sharedRouting();

  /**
   * Where the users are kept: {@code dataDir}'s file on a single node, Redis in cluster mode (so a
   * user created on one node logs in on every node). Blocking.
   */
  UserRecords userRecords(Path dataDir) throws IOException;

  /**
   * Attachment content: under {@code dir} on this node, and in cluster mode in Redis too (so every
   * node serves what any node received). Blocking.
   */
  AttachmentStore attachments(Path dir, long maxBytes) throws IOException;

  /** This node's readiness answer ({@code local}), with the shared layer's state added. */
  Future<JsonObject> readiness(JsonObject local);

  Future<Void> leave();
}
