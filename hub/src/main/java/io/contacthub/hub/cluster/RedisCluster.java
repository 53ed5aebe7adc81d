package io.contacthub.hub.cluster;

import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.attachments.DiskAttachmentStore;
import io.contacthub.hub.auth.UserRecords;
import io.contacthub.hub.config.ConfigException;
import io.contacthub.hub.log.SharedLog;
import io.contacthub.hub.routing.SharedRouting;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

  /** Moving a large attachment to or from a distant Redis may take more than a command's time. */
  static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(30);

  /** Redis's default {@code proto-max-bulk-len}: the largest value it accepts. */
  static final long MAX_ATTACHMENT_BYTES = 512L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);

  private final Vertx vertx;
  private final ClusterOptions options;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisClient transfers;
  private final StatefulRedisConnection<String, String> commands;
  private final LiveEventRelay relay;
  private final RedisSharedLog sharedLog;
  private final RedisSharedRouting sharedRouting;

  private RedisCluster(
      Vertx vertx,
      ClusterOptions options,
      ClientResources resources,
      RedisClient client,
      RedisClient transfers,
      StatefulRedisConnection<String, String> commands,
      LiveEventRelay relay,
      RedisSharedLog sharedLog,
      RedisSharedRouting sharedRouting) {
    this.vertx = vertx;
    this.options = options;
    this.resources = resources;
    this.client = client;
    this.transfers = transfers;
    this.commands = commands;
    this.relay = relay;
    this.sharedLog = sharedLog;
    this.sharedRouting = sharedRouting;
  }

  static Future<RedisCluster> connect(Vertx vertx, ClusterOptions options) {
    return vertx
        .executeBlocking(
            () -> {
              ClientResources resources = resources();
              RedisClient client = client(resources, options.redisUrl());
              RedisClient transfers = transfers(resources, options.redisUrl());
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
                    transfers,
                    commands,
                    relay,
                    new RedisSharedLog(client, options.nodeId()),
                    new RedisSharedRouting(client, options.nodeId()));
              } catch (RuntimeException e) {
                client.shutdown();
                transfers.shutdown();
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

  /**
   * A client of its own for attachment content, with a longer timeout: a large transfer then
   * neither times out as a command would nor holds up the log's and the users' commands.
   */
  static RedisClient transfers(ClientResources resources, String url) {
    RedisClient transfers = client(resources, url);
    transfers.setOptions(
        transfers
            .getOptions()
            .mutate()
            .timeoutOptions(TimeoutOptions.enabled(TRANSFER_TIMEOUT))
            .build());
    return transfers;
  }

  @Override
  public UserRecords userRecords(Path dataDir) {
    return new RedisUserRecords(client, commands);
  }

  @Override
  public AttachmentStore attachments(Path dir, long maxBytes) throws IOException {
    if (maxBytes > MAX_ATTACHMENT_BYTES) {
      throw new ConfigException(
          "config key attachments.maxBytes: at most "
              + MAX_ATTACHMENT_BYTES
              + " in cluster mode (HUB_REDIS_URL is set), the largest value Redis accepts");
    }
    return new RedisAttachmentStore(
        new DiskAttachmentStore(dir, maxBytes), transfers.connect(ByteArrayCodec.INSTANCE).sync());
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
  public Optional<SharedRouting> sharedRouting() {
    return Optional.of(sharedRouting);
  }

  @Override
  public Future<Void> leave() {
    relay.stop();
    sharedLog.close();
    sharedRouting.close();
    return Future.fromCompletionStage(
            CompletableFuture.allOf(client.shutdownAsync(), transfers.shutdownAsync()),
            vertx.getOrCreateContext())
        .eventually(() -> vertx.executeBlocking(() -> resources.shutdown().awaitUninterruptibly()))
        .mapEmpty();
  }
}
