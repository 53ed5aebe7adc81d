package io.contacthub.hub.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.AttachmentTooLargeException;
import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.attachments.DiskAttachmentStore;
import io.contacthub.hub.config.ConfigException;
import io.contacthub.hub.model.HubException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Attachment stores of several nodes (a data dir each) over one real redis-server. */
@Timeout(120)
class SharedAttachmentsTest {

  private static final long MAX_BYTES = 4L << 20;

  @TempDir Path dir;
  private final ClientResources resources = RedisCluster.resources();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private int nodes;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
    resources.shutdown().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anAttachmentStoredOnOneNodeIsServedByAnotherByteIdenticalAndKeptThere() throws Exception {
    RedisServer redis = redis();
    AttachmentStore a = node(redis);
    AttachmentStore b = node(redis);
    AttachmentStore c = node(redis);
    byte[] content = new byte[3 << 20];
    new Random(7).nextBytes(content);

    AttachmentRef ref = a.store("scan.pdf", "application/pdf", Buffer.buffer(content), false);

    AttachmentStore.Stored onB = b.find(ref.id()).orElseThrow();
    assertThat(onB.filename()).isEqualTo("scan.pdf");
    assertThat(onB.contentType()).isEqualTo("application/pdf");
    assertThat(onB.size()).isEqualTo(content.length);
    assertThat(Files.readAllBytes(onB.content())).isEqualTo(content);

    // Node B keeps its copy; node C never fetched one and needs Redis for it.
    redis.kill();
    assertThat(Files.readAllBytes(b.find(ref.id()).orElseThrow().content())).isEqualTo(content);
    assertThatThrownBy(() -> c.find(ref.id()))
        .isInstanceOfSatisfying(
            HubException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.retryAfterSeconds()).isEqualTo(1);
            });
    assertThatThrownBy(() -> a.store("x.txt", "text/plain", Buffer.buffer("x"), false))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.status()).isEqualTo(503));
  }

  @Test
  void contentThatNoLongerMatchesItsHashIsRefused() throws Exception {
    RedisServer redis = redis();
    AttachmentStore a = node(redis);
    AttachmentStore b = node(redis);
    AttachmentRef ref =
        a.store("note.txt", "text/plain", Buffer.buffer("the original text"), false);
    byte[] key = (RedisAttachmentStore.KEY_PREFIX + ref.id()).getBytes(StandardCharsets.US_ASCII);
    bytes(redis)
        .hset(
            key,
            "content".getBytes(StandardCharsets.US_ASCII),
            "the altered! text".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> b.find(ref.id()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SHA-256");
  }

  @Test
  void unknownIdsAndTooLargeContentAreNotStoredOrFound() throws Exception {
    RedisServer redis = redis();
    AttachmentStore a = node(redis);

    assertThat(a.find("0195f1de-0000-7000-8000-000000000000")).isEmpty();
    assertThat(a.find("../../etc/passwd")).isEmpty();
    assertThatThrownBy(
            () ->
                a.store(
                    "big.bin",
                    "application/octet-stream",
                    Buffer.buffer(new byte[(int) MAX_BYTES + 1]),
                    false))
        .isInstanceOf(AttachmentTooLargeException.class);
    assertThat(bytes(redis).keys(RedisAttachmentStore.KEY_PREFIX + "*")).isEmpty();
  }

  @Test
  void clusterModeRefusesAMaximumLargerThanRedisAccepts() throws Exception {
    RedisServer redis = redis();
    Vertx vertx = Vertx.vertx();
    closing.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS));
    RedisCluster cluster =
        RedisCluster.connect(vertx, new ClusterOptions(redis.url(), "node-a"))
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, SECONDS);
    closing.add(() -> cluster.leave().toCompletionStage().toCompletableFuture().get(10, SECONDS));

    assertThatThrownBy(() -> cluster.attachments(dir.resolve("big"), 1L << 30))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("attachments.maxBytes");
    assertThat(cluster.attachments(dir.resolve("ok"), MAX_BYTES)).isNotNull();
  }

  private AttachmentStore node(RedisServer redis) throws Exception {
    RedisClient client = RedisCluster.transfers(resources, redis.url());
    closing.add(client::shutdown);
    return new RedisAttachmentStore(
        new DiskAttachmentStore(dir.resolve("node-" + nodes++), MAX_BYTES),
        client.connect(ByteArrayCodec.INSTANCE).sync());
  }

  private RedisCommands<byte[], byte[]> bytes(RedisServer redis) {
    RedisClient client = RedisCluster.client(resources, redis.url());
    closing.add(client::shutdown);
    return client.connect(ByteArrayCodec.INSTANCE).sync();
  }

  private RedisServer redis() throws Exception {
    RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
    closing.add(redis);
    return redis;
  }
}
