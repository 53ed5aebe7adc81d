package io.contacthub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two hub JVMs and a real redis-server: a call posted to node A pops on the agent's stream on node
 * B (with a token node A issued), once per connection; readiness reports Redis, and a Redis restart
 * heals by itself.
 */
@Timeout(300)
class ClusterLiveEventsIT extends ClusterProcesses {

  private static final String CTI_TOKEN = "cluster-test-cti-token";

  @Test
  void aCallPostedToOneNodePopsOnAnAgentConnectedToTheOther() throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    Map<String, String> env = Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN);
    HubNode a = track(HubNode.start("node-a", dir, redis.url(), env));
    HubNode b = track(HubNode.start("node-b", dir, redis.url(), env));

    for (HubNode node : List.of(a, b)) {
      JsonObject ready = new JsonObject(node.get("/health/ready", null).body());
      assertThat(ready.getJsonObject("redis").getString("status")).isEqualTo("UP");
      assertThat(ready.getJsonObject("redis").getString("address"))
          .isEqualTo("127.0.0.1:" + redis.port());
    }
    String password = a.createAgent("mira");
    String token = a.login("mira", password);
    BlockingQueue<JsonObject> onB = b.stream(token);
    BlockingQueue<JsonObject> onA = a.stream(token);
    HubNode.next(onB, "hello");
    HubNode.next(onA, "hello");

    cti(a, "event=newCall&from=4930555123&to=4930600000&direction=in&callId=x-1&user%5B%5D=mira");

    JsonObject pop = HubNode.next(onB, "screen_pop").getJsonObject("payload");
    assertThat(pop.getString("callId")).isEqualTo("x-1");
    cti(a, "event=hangup&from=4930555123&to=4930600000&direction=in&callId=x-1&cause=noAnswer");
    // Events keep their order through Redis: once the close is there, any echo of the pop
    // would be too.
    assertThat(types(HubNode.framesUntil(onB, "screen_pop.close"))).doesNotContain("screen_pop");
    assertThat(types(HubNode.framesUntil(onA, "screen_pop.close"))).containsOnlyOnce("screen_pop");
  }

  @Test
  void whileRedisIsDownNodesAreNotReadyAndRefuseCallsThenRecoverByThemselves() throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), true));
    Map<String, String> env = Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN);
    HubNode a = track(HubNode.start("node-a", dir, redis.url(), env));
    HubNode b = track(HubNode.start("node-b", dir, redis.url(), env));
    String token = a.login("mira", a.createAgent("mira"));
    BlockingQueue<JsonObject> onA = a.stream(token);
    BlockingQueue<JsonObject> onB = b.stream(token);
    HubNode.next(onA, "hello");
    HubNode.next(onB, "hello");

    redis.kill();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> ready = a.get("/health/ready", null);
              assertThat(ready.statusCode()).isEqualTo(503);
              assertThat(new JsonObject(ready.body()).getJsonObject("redis").getString("status"))
                  .isEqualTo("DOWN");
            });
    // The shared log is in Redis: a call cannot be stored, and the PBX is told to send it again.
    assertThat(
            a.post(
                    "/channels/phone/cti/" + CTI_TOKEN,
                    null,
                    "application/x-www-form-urlencoded",
                    "event=newCall&from=4930555124&to=4930600000&direction=in&callId=d-1"
                        + "&user%5B%5D=mira")
                .statusCode())
        .isEqualTo(503);

    redis.start();
    for (HubNode node : List.of(a, b)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> node.get("/health/ready", null).statusCode() == 200);
    }
    // Pub/sub delivers to whoever is subscribed at that moment: call again until node B's
    // subscription is back, which Lettuce restores by itself.
    AtomicInteger call = new AtomicInteger();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ZERO)
        .untilAsserted(
            () -> {
              String callId = "r-" + call.incrementAndGet();
              cti(
                  a,
                  "event=newCall&from=4930555125&to=4930600000&direction=in&callId="
                      + callId
                      + "&user%5B%5D=mira");
              JsonObject frame = onB.poll(1, TimeUnit.SECONDS);
              while (frame != null && !frame.getString("type").equals("screen_pop")) {
                frame = onB.poll(1, TimeUnit.SECONDS);
              }
              assertThat(frame).isNotNull();
              assertThat(frame.getJsonObject("payload").getString("callId")).startsWith("r-");
            });
  }

  @Test
  void whenANodeDiesItsAgentsReconnectToAnotherWithTheSameTokenAndGetTheNextCall()
      throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    Map<String, String> env = Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN);
    HubNode a = track(HubNode.start("node-a", dir, redis.url(), env));
    HubNode b = track(HubNode.start("node-b", dir, redis.url(), env));
    String token = b.login("mira", a.createAgent("mira"));
    BlockingQueue<JsonObject> onB = b.stream(token);
    HubNode.next(onB, "hello");
    cti(a, "event=newCall&from=4930555126&to=4930600000&direction=in&callId=k-1&user%5B%5D=mira");
    assertThat(HubNode.next(onB, "screen_pop").getJsonObject("payload").getString("callId"))
        .isEqualTo("k-1");

    b.kill();
    HubNode.next(onB, HubNode.CLOSED);
    // The desktop reconnects through the balancer, which now sends it to node A: the token node B
    // issued is valid there, and node A keeps serving without its peer.
    BlockingQueue<JsonObject> onA = a.stream(token);
    HubNode.next(onA, "hello");
    assertThat(a.get("/health/ready", null).statusCode()).isEqualTo(200);
    cti(a, "event=newCall&from=4930555127&to=4930600000&direction=in&callId=k-2&user%5B%5D=mira");
    assertThat(HubNode.next(onA, "screen_pop").getJsonObject("payload").getString("callId"))
        .isEqualTo("k-2");
  }

  private static void cti(HubNode node, String form) throws Exception {
    assertThat(
            node.post(
                    "/channels/phone/cti/" + CTI_TOKEN,
                    null,
                    "application/x-www-form-urlencoded",
                    form)
                .statusCode())
        .isEqualTo(200);
  }

  private static List<String> types(List<JsonObject> frames) {
    return frames.stream().map(f -> f.getString("type")).toList();
  }
}
