package io.contacthub.hub.cluster;

import static io.contacthub.hub.InProcessHubs.await;
import static io.contacthub.hub.InProcessHubs.chat;
import static io.contacthub.hub.InProcessHubs.openItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Channel;
import io.contacthub.hub.Hub;
import io.contacthub.hub.InProcessHubs;
import io.contacthub.hub.events.LiveBus;
import io.contacthub.hub.events.LiveFrame;
import io.contacthub.hub.routing.MutableClock;
import io.contacthub.hub.routing.RoutingCommand;
import io.contacthub.hub.routing.SharedRouting;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.work.ItemState;
import io.contacthub.hub.routing.work.WorkItem;
import io.lettuce.core.RedisClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hubs in one JVM sharing routing through a real redis-server (decision 0021): one node routes, the
 * other forwards operations and mirrors the state, the lead moves when its node stops, and a node
 * that lost its lease cannot write.
 */
@Timeout(120)
class SharedRoutingTest extends InProcessNodesTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

  /**
   * A node; what stops it the way a clean shutdown does (hub first, then its connections); and what
   * cuts it off Redis as a crash would (its lease is neither renewed nor given up).
   */
  private record Node(Hub hub, Vertx vertx, AutoCloseable stop, AutoCloseable cut) {}

  private Node node(String name, RedisServer redis) throws Exception {
    Vertx vertx = Vertx.vertx();
    RedisClient client = RedisCluster.client(resources, redis.url());
    RedisSharedLog log = new RedisSharedLog(client, name);
    RedisSharedRouting routing = new RedisSharedRouting(client, name);
    Hub hub = Hub.open(vertx, InProcessHubs.config(dir.resolve(name)), clock, log, routing);
    AutoCloseable stop =
        () -> {
          hub.close();
          routing.close();
          log.close();
          vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
          client.shutdown();
        };
    closing.add(new Once(stop));
    AutoCloseable cut =
        () -> {
          routing.close();
          log.close();
        };
    return new Node(hub, vertx, new Once(stop), cut);
  }

  /** Closes once, whether the test or the clean-up gets there first. */
  private static final class Once implements AutoCloseable {
    private static final java.util.Set<AutoCloseable> DONE =
        java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AutoCloseable inner;

    Once(AutoCloseable inner) {
      this.inner = inner;
    }

    @Override
    public void close() throws Exception {
      if (DONE.add(inner)) {
        inner.close();
      }
    }
  }

  /** The node that routes, once exactly one of them does. */
  private static Hub leaderOf(Hub a, Hub b) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> a.routing().routes() != b.routing().routes());
    return a.routing().routes() ? a : b;
  }

  @Test
  void oneNodeRoutesTheOtherForwardsItsOperationsAndSeesTheSameState() throws Exception {
    RedisServer redis = redis(false);
    Hub a = node("a", redis).hub();
    Hub b = node("b", redis).hub();
    Hub leader = leaderOf(a, b);
    Hub follower = leader == a ? b : a;

    await(
        follower
            .routing()
            .execute(new RoutingCommand.SetProfile("ann", Set.of(), Map.of(Channel.WEBCHAT, 1))));
    JsonObject ann =
        await(
            follower.routing().execute(new RoutingCommand.SetPresence("ann", Presence.AVAILABLE)));
    assertThat(ann.getString("presence")).isEqualTo("available");
    // The follower's answer waits until its own state shows the change.
    Presence seen =
        await(follower.routing().read(e -> e.state().agent("ann").orElseThrow().presence()));
    assertThat(seen).isEqualTo(Presence.AVAILABLE);

    // Taken in on the follower, routed by the leader, visible on both.
    String conversation = await(follower.ingest().ingest(chat("m-1", "v-1"))).conversationId();
    for (Hub hub : List.of(leader, follower)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> openItem(hub, conversation) != null);
      WorkItem offered = openItem(hub, conversation);
      assertThat(offered.state()).isEqualTo(ItemState.OFFERED);
      assertThat(offered.agent()).isEqualTo("ann");
    }
    assertThat(follower.routing().view().holders(conversation)).containsExactly("ann");

    await(follower.routing().execute(new RoutingCommand.AnswerOffer("ann", conversation, true)));
    assertThat(openItem(follower, conversation).state()).isEqualTo(ItemState.ASSIGNED);
    assertThat(openItem(leader, conversation).state()).isEqualTo(ItemState.ASSIGNED);
    for (Hub hub : List.of(leader, follower)) {
      assertThat(await(hub.routing().stats()).queues().get(0).total().answered()).isEqualTo(1);
    }

    // The leader's refusal reaches the follower's caller as it is.
    assertThatThrownBy(
            () ->
                await(
                    follower
                        .routing()
                        .execute(new RoutingCommand.AnswerOffer("ann", "nope", true))))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .hasMessageContaining("nope");
  }

  @Test
  void whenTheLeaderStopsTheOtherNodeRoutesWithTheSameQueueAndTimers() throws Exception {
    RedisServer redis = redis(false);
    Node a = node("a", redis);
    Node b = node("b", redis);
    Node leader = leaderOf(a.hub(), b.hub()) == a.hub() ? a : b;
    Node follower = leader == a ? b : a;

    String first = await(leader.hub().ingest().ingest(chat("m-1", "v-1"))).conversationId();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> openItem(follower.hub(), first) != null);
    Instant due = openItem(follower.hub(), first).firstResponseDue();

    leader.stop().close();
    Awaitility.await().atMost(Duration.ofSeconds(15)).until(follower.hub().routing()::routes);

    // Taken in after the stop: the new leader routes it.
    String second = await(follower.hub().ingest().ingest(chat("m-2", "v-2"))).conversationId();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> openItem(follower.hub(), second) != null);
    assertThat(openItem(follower.hub(), first).firstResponseDue()).isEqualTo(due);
    assertThat(openItem(follower.hub(), first).state()).isEqualTo(ItemState.WAITING);

    // The first conversation's timer, set by the old leader, fires on the new one.
    clock.advanceSeconds(101);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> openItem(follower.hub(), first).noticed("firstResponse.breached"));
  }

  @Test
  void whenTheLeaderDiesTheNewOneRepeatsOpenOffersAndOffersToTheAgentsItInherited()
      throws Exception {
    RedisServer redis = redis(false);
    Node a = node("a", redis);
    Node b = node("b", redis);
    Node leader = leaderOf(a.hub(), b.hub()) == a.hub() ? a : b;
    Node follower = leader == a ? b : a;
    Hub survivor = follower.hub();
    // No relay between the nodes here: each one's own events, from whichever routes.
    BlockingQueue<LiveFrame> offers = new LinkedBlockingQueue<>();
    for (Node n : List.of(a, b)) {
      LiveBus.of(n.vertx())
          .subscribe(
              n.vertx().getOrCreateContext(),
              f -> f.type().equals("assignment.offered"),
              offers::add);
    }
    await(
        survivor
            .routing()
            .execute(new RoutingCommand.SetProfile("ann", Set.of(), Map.of(Channel.WEBCHAT, 5))));
    await(survivor.routing().execute(new RoutingCommand.SetPresence("ann", Presence.AVAILABLE)));
    String first = await(leader.hub().ingest().ingest(chat("m-1", "v-1"))).conversationId();
    assertThat(offers.poll(10, TimeUnit.SECONDS).conversationIds()).containsExactly(first);
    await(survivor.routing().execute(new RoutingCommand.AnswerOffer("ann", first, true)));
    // Offered, not answered when the leader dies: its event may not have gone out.
    String pending = await(leader.hub().ingest().ingest(chat("m-p", "v-p"))).conversationId();
    assertThat(offers.poll(10, TimeUnit.SECONDS).conversationIds()).containsExactly(pending);

    leader.cut().close();
    Awaitility.await().atMost(Duration.ofSeconds(15)).until(survivor.routing()::routes);

    LiveFrame resent = offers.poll(10, TimeUnit.SECONDS);
    assertThat(resent).as("the new leader repeats the open offer").isNotNull();
    assertThat(resent.conversationIds()).containsExactly(pending);
    assertThat(resent.audience().users()).containsExactly("ann");

    String second = await(survivor.ingest().ingest(chat("m-2", "v-2"))).conversationId();
    LiveFrame offered = offers.poll(10, TimeUnit.SECONDS);
    assertThat(offered).as("the offer event of the new leader").isNotNull();
    assertThat(offered.conversationIds()).containsExactly(second);
    assertThat(openItem(survivor, second).agent()).isEqualTo("ann");
  }

  @Test
  void aTermWhoseLeaseIsGoneCannotWrite() throws Exception {
    RedisServer redis = redis(false);
    RedisClient client = RedisCluster.client(resources, redis.url());
    closing.add(client::shutdown);
    RedisSharedRouting routing = new RedisSharedRouting(client, "x");
    closing.add(routing);
    SharedRouting.Term term = Elections.lead(routing);
    byte[] entry = "{\"consumedSeq\":-1}".getBytes(StandardCharsets.UTF_8);
    assertThat(term.append(entry).get(5, TimeUnit.SECONDS)).isEqualTo(1L);

    // Another node took the lease (this one was paused past its expiry, say).
    try (var other = client.connect()) {
      other.sync().set(RedisSharedRouting.LEASE_KEY, "y:term");
    }
    assertThatThrownBy(() -> term.append(entry).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("another node holds the routing lease");
    assertThat(routing.readAfter(0, 10)).hasSize(1);
  }
}
