package io.contacthub.hub.stream;

import static io.contacthub.hub.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.contacthub.hub.api.ApiServer;
import io.contacthub.hub.api.ApiServerTest;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.events.LiveEvents;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamEndpointTest extends ApiServerTest {

  static LiveEvents events;

  @BeforeAll
  static void startEvents() {
    events = new LiveEvents(vertx);
  }

  private static StreamClient connect(String login) {
    return StreamClient.connect(vertx, api.port, StreamEndpoint.PATH, api.token(login)).await();
  }

  /** A connection of {@code login}'s, past its hello frame. */
  private static StreamClient greeted(String login) throws InterruptedException {
    StreamClient c = connect(login);
    c.nextOfType("hello");
    return c;
  }

  private static int rejectedStatus(String uri, String bearer) {
    Throwable failure =
        catchThrowable(() -> StreamClient.connect(vertx, api.port, uri, bearer).await());
    assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
    return ((UpgradeRejectedException) failure).getStatus();
  }

  @Test
  void upgradeWithoutTokenIs401() {
    assertThat(rejectedStatus(StreamEndpoint.PATH, null)).isEqualTo(401);
  }

  @Test
  void upgradeWithInvalidTokenIs401() {
    assertThat(rejectedStatus(StreamEndpoint.PATH + "?access_token=not-a-jwt", null))
        .isEqualTo(401);
  }

  @Test
  void ingestTokenMayNotListen() {
    assertThat(rejectedStatus(StreamEndpoint.PATH, ApiServer.INGEST_TOKEN)).isEqualTo(403);
  }

  @Test
  void plainGetIs400Problem() {
    assertThat(
            assertProblem(api.as("alice", HttpMethod.GET, StreamEndpoint.PATH).send().await(), 400))
        .contains("WebSocket");
  }

  @Test
  void firstFrameIsHello() throws Exception {
    StreamClient alice = connect("alice");

    JsonObject hello = alice.next();

    assertThat(hello.getString("type")).isEqualTo("hello");
    assertThat(hello.getJsonObject("user").getString("login")).isEqualTo("alice");
    assertThat(hello.getJsonObject("user").getString("role")).isEqualTo("agent");
    assertThat(hello.getLong("heartbeatSeconds")).isEqualTo(30);
  }

  @Test
  void accessTokenQueryParameterWorks() throws Exception {
    StreamClient bob =
        StreamClient.connect(
                vertx, api.port, StreamEndpoint.PATH + "?access_token=" + api.token("bob"), null)
            .await();

    assertThat(bob.next().getJsonObject("user").getString("login")).isEqualTo("bob");
  }

  @Test
  void eventReachesOnlyTheUsersItIsFor() throws Exception {
    StreamClient alice = greeted("alice");
    StreamClient bob = greeted("bob");

    events.publish(
        HubEvent.SCREEN_POP,
        new JsonObject().put("caller", "+14155550100"),
        Audience.users(Set.of("bob")));
    events.publish(
        HubEvent.CONVERSATION_UPDATED, new JsonObject().put("id", "v-1"), Audience.STAFF);

    JsonObject forBob = bob.next();
    assertThat(forBob.getString("type")).isEqualTo("screen_pop");
    assertThat(forBob.getJsonObject("payload").getString("caller")).isEqualTo("+14155550100");
    assertThat(forBob.containsKey("audience")).isFalse();
    assertThat(bob.next().getString("type")).isEqualTo("conversation.updated");
    // Events arrive in publishing order: had the screen-pop reached alice, it would come first.
    assertThat(alice.next().getString("type")).isEqualTo("conversation.updated");
  }

  @Test
  void roleAudienceReachesOnlyThoseRoles() throws Exception {
    StreamClient sue = greeted("sue");
    StreamClient alice = greeted("alice");

    events.publish(HubEvent.QUEUE_STATS, new JsonObject().put("waiting", 3), Audience.SUPERVISORS);
    events.publish(HubEvent.OFFER, new JsonObject().put("card", "upgrade"), Audience.STAFF);

    assertThat(sue.next().getJsonObject("payload").getInteger("waiting")).isEqualTo(3);
    assertThat(sue.next().getString("type")).isEqualTo("offer");
    assertThat(alice.next().getString("type")).isEqualTo("offer");
  }

  @Test
  void everyConnectionOfAUserGetsTheEvent() throws Exception {
    StreamClient firstTab = greeted("bob");
    StreamClient secondTab = greeted("bob");

    events.publish(
        HubEvent.OFFER, new JsonObject().put("card", "x"), Audience.users(Set.of("bob")));

    assertThat(firstTab.nextOfType("offer").getJsonObject("payload").getString("card"))
        .isEqualTo("x");
    assertThat(secondTab.nextOfType("offer").getJsonObject("payload").getString("card"))
        .isEqualTo("x");
  }

  @Test
  void slowReaderGetsLaggedNoticeInsteadOfUnboundedBuffering() throws Exception {
    StreamClient sue =
        StreamClient.connect(vertx, api.port, StreamEndpoint.PATH, api.token("sue")).await();
    sue.nextOfType("hello");
    sue.socket.pause();
    String bulk = "x".repeat(64 * 1024);

    for (int i = 0; i < 400; i++) {
      events.publish(
          HubEvent.QUEUE_STATS,
          new JsonObject().put("n", i).put("bulk", bulk),
          Audience.SUPERVISORS);
    }
    Counter dropped = api.metrics.counter("hub.stream.events.dropped");
    await().atMost(Duration.ofSeconds(20)).until(() -> dropped.count() > 0);
    sue.socket.resume();

    JsonObject lagged = sue.nextOfType("lagged");
    assertThat(lagged.getLong("dropped")).isPositive().isLessThanOrEqualTo((long) dropped.count());
    events.publish(HubEvent.QUEUE_STATS, new JsonObject().put("n", "after"), Audience.SUPERVISORS);
    assertThat(sue.nextOfType("queue.stats").getJsonObject("payload").getString("n"))
        .isEqualTo("after");
  }
}
