package io.contacthub.hub.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.events.LiveBus;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.events.LiveFrame;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' live buses joined as the cluster's relay joins them (every frame a node publishes goes
 * to the other, tagged with its origin): a connector's peer messages reach the same connector on
 * the other node only, offers come back taken or time out, and no staff member is their audience.
 */
class LiveBusPeersTest {

  private final Vertx nodeA = Vertx.vertx();
  private final Vertx nodeB = Vertx.vertx();
  private LiveBusPeers webchatA;
  private LiveBusPeers webchatB;
  private final List<JsonObject> toWebchatA = new CopyOnWriteArrayList<>();
  private final List<JsonObject> toWebchatB = new CopyOnWriteArrayList<>();
  private final List<JsonObject> toPhoneB = new CopyOnWriteArrayList<>();
  private final List<LiveFrame> publishedOnA = new CopyOnWriteArrayList<>();

  @BeforeEach
  void join() {
    relay(nodeA, "node-a", nodeB);
    relay(nodeB, "node-b", nodeA);
    LiveBus.of(nodeA).subscribe(nodeA.getOrCreateContext(), f -> true, publishedOnA::add);
    webchatA = new LiveBusPeers(nodeA, "webchat");
    webchatB = new LiveBusPeers(nodeB, "webchat");
    LiveBusPeers phoneB = new LiveBusPeers(nodeB, "phone");
    webchatA.receive(toWebchatA::add);
    webchatB.receive(m -> toWebchatB.add(m) && m.getBoolean("mine", false));
    phoneB.receive(toPhoneB::add);
  }

  /** What LiveEventRelay does over Redis, without Redis. */
  private static void relay(Vertx from, String origin, Vertx to) {
    LiveEvents target = new LiveEvents(to);
    LiveBus.of(from)
        .subscribe(
            from.getOrCreateContext(),
            f -> f.origin() == null,
            f -> target.publishRelayed(LiveFrame.fromWire(f.toWire(), origin)));
  }

  @AfterEach
  void close() throws Exception {
    nodeA.close().await(10, TimeUnit.SECONDS);
    nodeB.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aBroadcastReachesTheSameConnectorOnTheOtherNodeOnly() {
    JsonObject typing = new JsonObject().put("kind", "typing").put("conversationId", "c-1");

    webchatA.broadcast(typing);

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> toWebchatB.size() == 1);
    assertThat(toWebchatB.get(0)).isEqualTo(typing);
    assertThat(toWebchatA).isEmpty();
    assertThat(toPhoneB).isEmpty();
    // No staff member is the audience of a peer message, whatever their role.
    LiveFrame frame = publishedOnA.get(0);
    assertThat(frame.type()).isEqualTo(LiveBusPeers.TYPE);
    assertThat(frame.audience().users()).isEmpty();
    assertThat(frame.audience().roles()).isEmpty();
  }

  @Test
  void anOfferIsTakenWhenAPeerSaysItHoldsWhatItIsFor() throws Exception {
    long start = System.nanoTime();

    boolean taken =
        webchatA
            .offer(new JsonObject().put("mine", true), Duration.ofSeconds(10))
            .await(10, TimeUnit.SECONDS);

    assertThat(taken).isTrue();
    // Answered by the peer, not by the deadline.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(toWebchatB).hasSize(1);
    assertThat(toWebchatA).isEmpty();
  }

  @Test
  void anOfferNobodyTakesIsRefusedOnceItsTimeIsUp() throws Exception {
    long start = System.nanoTime();

    boolean taken =
        webchatA
            .offer(new JsonObject().put("mine", false), Duration.ofMillis(300))
            .await(10, TimeUnit.SECONDS);

    assertThat(taken).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(toWebchatB).hasSize(1);
  }

  @Test
  void aHandlerThatFailsTakesNothing() throws Exception {
    webchatB.receive(
        m -> {
          throw new IllegalStateException("broken");
        });

    boolean taken =
        webchatA.offer(new JsonObject(), Duration.ofMillis(300)).await(10, TimeUnit.SECONDS);

    assertThat(taken).isFalse();
  }
}
