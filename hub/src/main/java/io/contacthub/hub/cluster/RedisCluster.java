package io.contacthub.hub.cluster;

import io.contacthub.hub.log.SharedLog;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode: one Lettuce client, a command connection and a pub/sub connection to the Redis the
 * configuration names. Lettuce reconnects by itself (and re-subscribes), retrying at most {@link
 * #MAX_RECONNECT_DELAY} apart so a restarted Redis is used again within seconds; while it is
 * disconnected, commands fail at once instead of queueing, so callers can answer 503 rather than
 * hang.
 */
final class RedisCluster implements Cluster {

  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);

  private final Vertx vertx;
  private final ClusterOptions options;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> commands;
  private final LiveEventRelay relay;
  private final RedisSharedLog sharedLog;

  private RedisCluster(
      Vertx vertx,
      ClusterOptions options,
      ClientResources resources,
      RedisClient client,
      StatefulRedisConnection<String, String> commands,
      LiveEventRelay relay,
      RedisSharedLog sharedLog) {
    this.vertx = vertx;
    this.options = options;
    this.resources = resources;
    this.client = client;
    this.commands = commands;
    this.relay = relay;
    this.sharedLog = sharedLog;
  }

  static Future<RedisCluster> connect(Vertx vertx, ClusterOptions options) {
    return vertx
        .executeBlocking(
            () -> {
              ClientResources resources = resources();
              RedisClient client = client(resources, options.redisUrl());
              try {
                StatefulRedisConnection<String, String> commands = client.connect();
                StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub();
                LiveEventRelay relay =
                    new LiveEventRelay(vertx, options.nodeId(), commands.async(), subscription);
                return new RedisCluster(
                    vertx,
                    options,
                    resources,
                    client,
                    commands,
                    relay,
                    new RedisSharedLog(client, options.nodeId()));
              } catch (RuntimeException e) {
                client.shutdown();
                resources.shutdown();
                throw new IllegalStateException(
                    "cannot reach Redis at "
                        + options.redisAddress()
                        + " (HUB_REDIS_URL): "
                        + e.getMessage(),
                    e);
              }
            })
        .compose(cluster -> cluster.relay.start().map(cluster))
        .onSuccess(
            c ->
                LOG.info(
                    "Node {} joined the cluster at Redis {}",
                    options.nodeId(),
                    options.redisAddress()));
  }

  /** Small pools: a node holds a few connections, and its own threads do the heavy work. */
  static ClientResources resources() {
    return ClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(
            Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
        .build();
  }

  /**
   * A client that reconnects by itself and, while disconnected, fails commands at once rather than
   * queueing them, so ingest can answer 503 instead of hanging.
   */
  static RedisClient client(ClientResources resources, String url) {
    RedisClient client = RedisClient.create(resources, RedisURI.create(url));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .build());
    return client;
  }

  @Override
  public Future<JsonObject> readiness(JsonObject local) {
    JsonObject redis =
        new JsonObject().put("address", options.redisAddress()).put("node", options.nodeId());
    return Future.fromCompletionStage(commands.async().ping(), vertx.getOrCreateContext())
        .map(pong -> redis.put("status", "UP"))
        .otherwise(e -> redis.put("status", "DOWN").put("detail", String.valueOf(e.getMessage())))
        .map(
            r -> {
              JsonObject out = local.copy().put("redis", r);
              if (!"UP".equals(r.getString("status"))) {
                out.put("status", "DOWN");
              }
              return out;
            });
  }

  @Override
  public Optional<SharedLog> sharedLog() {
    return Optional.of(sharedLog);
  }

  @Override
  public Future<Void> leave() {
    relay.stop();
    sharedLog.close();
    return Future.fromCompletionStage(client.shutdownAsync(), vertx.getOrCreateContext())
        .eventually(() -> vertx.executeBlocking(() -> resources.shutdown().awaitUninterruptibly()))
        .mapEmpty();
  }
}
