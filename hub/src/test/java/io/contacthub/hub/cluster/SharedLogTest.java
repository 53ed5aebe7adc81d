package io.contacthub.hub.cluster;

import static io.contacthub.hub.InProcessHubs.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.hub.Hub;
import io.contacthub.hub.config.ConfigLoader;
import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.TimelinePage;
import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hubs in one JVM sharing one log in a real redis-server: the decisions the shared log makes, and
 * what a node sees of the others' records.
 */
@Timeout(120)
class SharedLogTest extends InProcessNodesTest {

  /** One node: its own Vert.x, data dir and connections to the shared log. */
  private Hub node(String name, RedisServer redis) throws Exception {
    Vertx vertx = Vertx.vertx();
    RedisClient client = RedisCluster.client(resources, redis.url());
    RedisSharedLog shared = new RedisSharedLog(client, name);
    HubConfig config =
        HubConfig.from(
            ConfigLoader.load(null, Map.of("HUB_DATA_DIR", dir.resolve(name).toString())));
    closing.add(
        () -> {
          vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
          client.shutdown();
        });
    closing.add(shared);
    Hub hub = Hub.open(vertx, config, Clock.systemUTC(), shared);
    closing.add(hub);
    return hub;
  }

  private static InboundInteraction whatsapp(String externalId, String phone) {
    return InboundInteraction.message(Channel.WHATSAPP, externalId)
        .identities(List.of(Identity.of(IdentityType.PHONE, phone, false)))
        .text("text of " + externalId)
        .build();
  }

  private static int timelineSize(Hub hub, String customerId) throws Exception {
    TimelinePage page = await(hub.queries().timeline(customerId, null, 1000));
    return page.items().size();
  }

  @Test
  void twoNodesRacingOnANewIdentityMakeOneCustomerAndOneConversation() throws Exception {
    RedisServer redis = redis(false);
    Hub a = node("a", redis);
    Hub b = node("b", redis);
    List<Future<Accepted>> acks = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // Alternating nodes and number formats: one person, one number.
      acks.add(a.ingest().ingest(whatsapp("a-" + i, "+1 (415) 555-0100")));
      acks.add(b.ingest().ingest(whatsapp("b-" + i, "+14155550100")));
    }
    List<Accepted> done = new ArrayList<>();
    for (Future<Accepted> f : acks) {
      done.add(await(f));
    }
    assertThat(done).extracting(Accepted::customerId).containsOnly(done.get(0).customerId());
    assertThat(done)
        .extracting(Accepted::conversationId)
        .containsOnly(done.get(0).conversationId());
    assertThat(done).extracting(Accepted::duplicate).containsOnly(false);
    String customer = done.get(0).customerId();
    for (Hub hub : List.of(a, b)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> timelineSize(hub, customer) == 120);
      assertThat(hub.customers().roots()).hasSize(1);
      assertThat(hub.conversations().size()).isEqualTo(1);
    }
  }

  @Test
  void aBigBatchIsNotStarvedByANodeThatCommitsSmallOnesAllTheTime() throws Exception {
    RedisServer redis = redis(false);
    Hub a = node("a", redis);
    Hub b = node("b", redis);
    List<InboundInteraction> batch = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      batch.add(whatsapp("batch-" + i, "+1415666" + String.format("%04d", i)));
    }
    // B keeps its sequencer busy with small commits for as long as A's batch is under way.
    java.util.concurrent.atomic.AtomicBoolean batchDone =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger small =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread smallOnes =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!batchDone.get()) {
                    try {
                      await(b.ingest().ingest(whatsapp("small-" + small.get(), "+14157770000")));
                      small.incrementAndGet();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
    List<Future<Accepted>> each = await(a.ingest().ingestBatch(batch));
    batchDone.set(true);
    smallOnes.join(30_000);
    for (Future<Accepted> f : each) {
      assertThat(await(f).duplicate()).isFalse();
    }
    assertThat(small.get()).isPositive();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> b.customers().roots().size() == 3001);
  }

  @Test
  void aRetryOnTheOtherNodeReturnsTheOriginal() throws Exception {
    RedisServer redis = redis(false);
    Hub a = node("a", redis);
    Hub b = node("b", redis);
    Accepted first = await(a.ingest().ingest(whatsapp("m-1", "+14155550111")));
    Accepted retry = await(b.ingest().ingest(whatsapp("m-1", "+14155550111")));
    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.interactionId()).isEqualTo(first.interactionId());
    assertThat(retry.customerId()).isEqualTo(first.customerId());
  }

  @Test
  void aNewNodeBuildsItsStateFromTheSharedLog() throws Exception {
    RedisServer redis = redis(false);
    Hub a = node("a", redis);
    List<Accepted> acks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      acks.add(
          await(a.ingest().ingest(whatsapp("m-" + i, "+1415555" + String.format("%04d", i % 8)))));
    }
    Hub c = node("c", redis);
    assertThat(c.customers().roots()).hasSize(8);
    Accepted next = await(c.ingest().ingest(whatsapp("m-next", "+14155550003")));
    assertThat(next.customerId()).isEqualTo(acks.get(3).customerId());
    assertThat(next.conversationId()).isEqualTo(acks.get(3).conversationId());
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> timelineSize(a, next.customerId()) == 6);
  }

  @Test
  void withRedisDownIngestIsRefusedWith503AndComesBackByItself() throws Exception {
    RedisServer redis = redis(true);
    Hub a = node("a", redis);
    Hub b = node("b", redis);
    Accepted before = await(a.ingest().ingest(whatsapp("before", "+14155550122")));
    redis.kill();
    assertThatThrownBy(() -> await(a.ingest().ingest(whatsapp("during", "+14155550122"))))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            HubException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.retryAfterSeconds()).isEqualTo(1);
            });
    redis.start();
    Accepted after =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> await(b.ingest().ingest(whatsapp("after", "+14155550122"))), a1 -> true);
    assertThat(after.customerId()).isEqualTo(before.customerId());
    for (Hub hub : List.of(a, b)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> timelineSize(hub, before.customerId()) == 2);
    }
  }

  @Test
  void aRedisThatLostItsDataGetsTheLogBackFromTheNodes() throws Exception {
    RedisServer redis = redis(false);
    Hub a = node("a", redis);
    Accepted first = await(a.ingest().ingest(whatsapp("m-1", "+14155550133")));
    await(a.ingest().ingest(whatsapp("m-2", "+14155550144")));
    redis.kill();
    redis.start();
    Accepted third =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> await(a.ingest().ingest(whatsapp("m-3", "+14155550133"))), x -> true);
    assertThat(third.customerId()).isEqualTo(first.customerId());
    Hub c = node("c", redis);
    assertThat(c.customers().roots()).hasSize(2);
    assertThat(timelineSize(c, first.customerId())).isEqualTo(2);
  }
}
