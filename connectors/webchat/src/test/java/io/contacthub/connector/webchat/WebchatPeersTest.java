package io.contacthub.connector.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.Peers;
import io.contacthub.connector.RecipientOfflineException;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In cluster mode the visitor's socket may be on another node: replies are offered to the peers
 * (delivered when one holds the visitor, else the offline way), typing and read signals go to them,
 * and a peer's message for a visitor this node does not hold is not taken.
 */
class WebchatPeersTest {

  @TempDir Path data;
  private final Vertx vertx = Vertx.vertx();
  private final RecordingPeers peers = new RecordingPeers();
  private FakeConnectorContext ctx;
  private WebchatConnector connector;

  @BeforeEach
  void start() throws Exception {
    ctx =
        FakeConnectorContext.builder(vertx)
            .dataDir(data)
            .config(new JsonObject())
            .start()
            .await(10, TimeUnit.SECONDS)
            .usePeers(peers);
    connector = new WebchatConnector(Clock.systemUTC());
    connector.start(ctx).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    connector.stop().await(10, TimeUnit.SECONDS);
    ctx.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static OutboundMessage reply(String visitorId) {
    return new OutboundMessage(
        "int-1",
        "conv-1",
        Channel.WEBCHAT,
        new Identity(IdentityType.VISITOR, visitorId, false, null),
        null,
        "Your parcel ships today.",
        null,
        List.of(),
        "Maria",
        null);
  }

  @Test
  void aReplyToAVisitorAPeerHoldsIsDeliveredThere() throws Exception {
    peers.takes = true;

    DeliveryReceipt receipt = connector.send(reply("v-1")).await(10, TimeUnit.SECONDS);

    assertThat(receipt.state()).isEqualTo(DeliveryReceipt.DeliveryState.DELIVERED);
    assertThat(peers.offered)
        .containsExactly(
            new JsonObject()
                .put("kind", "reply")
                .put("visitorId", "v-1")
                .put("conversationId", "conv-1")
                .put("interactionId", "int-1"));
    assertThat(peers.waited).isEqualTo(WebchatConnector.PEER_WAIT);
  }

  @Test
  void aReplyNoNodeHoldsGoesTheOfflineWay() {
    peers.takes = false;

    Future<DeliveryReceipt> sent = connector.send(reply("v-2"));

    assertThat(awaitFailure(sent)).isInstanceOf(RecipientOfflineException.class);
    assertThat(peers.offered).hasSize(1);
  }

  @Test
  void typingAndReadSignalsGoToThePeers() {
    connector.agentTyping("conv-1", "Maria");
    connector.agentRead("conv-1", List.of("int-7", "int-8"));

    assertThat(peers.broadcast)
        .containsExactly(
            new JsonObject()
                .put("kind", "typing")
                .put("conversationId", "conv-1")
                .put("agentName", "Maria"),
            new JsonObject()
                .put("kind", "read")
                .put("conversationId", "conv-1")
                .put("interactionIds", new JsonArray().add("int-7").add("int-8")));
  }

  @Test
  void aPeersMessageForAVisitorWithoutASocketHereIsNotTaken() {
    JsonObject replyHere =
        new JsonObject()
            .put("kind", "reply")
            .put("visitorId", "v-3")
            .put("conversationId", "conv-3")
            .put("interactionId", "int-3");

    assertThat(peers.handler.test(replyHere)).isFalse();
    assertThat(peers.handler.test(new JsonObject().put("kind", "holds").put("visitorId", "v-3")))
        .isFalse();
    assertThat(peers.handler.test(new JsonObject().put("kind", "reply"))).isFalse();
  }

  private static Throwable awaitFailure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  /** Peers that record what they were sent and answer offers as the test says. */
  private static final class RecordingPeers implements Peers {
    final List<JsonObject> broadcast = new CopyOnWriteArrayList<>();
    final List<JsonObject> offered = new CopyOnWriteArrayList<>();
    volatile boolean takes;
    volatile Duration waited;
    volatile Predicate<JsonObject> handler;

    @Override
    public void broadcast(JsonObject message) {
      broadcast.add(message);
    }

    @Override
    public Future<Boolean> offer(JsonObject message, Duration within) {
      offered.add(message);
      waited = within;
      return Future.succeededFuture(takes);
    }

    @Override
    public void receive(Predicate<JsonObject> handler) {
      this.handler = handler;
    }
  }
}
