package io.contacthub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.Interactions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two hub JVMs and a real redis-server sharing routing (decision 0021): a conversation taken in on
 * one node is offered to an agent connected to the other, both nodes show the same queue metrics,
 * and when the routing node is killed the other takes over with the queue as it was.
 */
@Timeout(300)
class ClusterRoutingIT extends ClusterProcesses {

  @Test
  void aConversationTakenInOnOneNodeIsOfferedToAnAgentOnTheOtherAndBothShowTheSameQueues()
      throws Exception {
    Pair pair = startPair();
    HubNode a = pair.leader();
    HubNode b = pair.other();

    String token = b.login("ann", b.createAgent("ann"));
    String admin = a.login("admin", HubNode.ADMIN_PASSWORD);
    chatSkill(a, admin, "ann");
    BlockingQueue<JsonObject> onB = b.stream(token);
    HubNode.next(onB, "hello");
    HttpResponse<String> presence =
        b.put("/api/v1/agents/me/presence", token, new JsonObject().put("presence", "available"));
    assertThat(presence.statusCode()).as(presence.body()).isEqualTo(200);
    // Read on the node that took the change: it shows it already.
    assertThat(new JsonObject(b.get("/api/v1/agents/me", token).body()).getString("presence"))
        .isEqualTo("available");

    String conversation =
        accepted(
                a.ingest(
                    Interactions.chat("chat-1", "visitor-1", "hello, my parcel did not arrive")))
            .getString("conversationId");
    JsonObject offer = HubNode.next(onB, "assignment.offered").getJsonObject("payload");
    assertThat(offer.getString("conversationId")).isEqualTo(conversation);

    HttpResponse<String> accept =
        b.post("/api/v1/conversations/" + conversation + "/accept", token, "application/json", "");
    assertThat(accept.statusCode()).as(accept.body()).isEqualTo(200);
    JsonObject me = new JsonObject(b.get("/api/v1/agents/me", token).body());
    assertThat(me.getJsonArray("work").getJsonObject(0).getString("state")).isEqualTo("assigned");

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonArray onA = queues(a, admin);
              assertThat(onA).isEqualTo(queues(b, admin));
              assertThat(answered(onA)).isEqualTo(1);
            });
  }

  @Test
  void whenTheRoutingNodeIsKilledTheOtherRoutesWithTheQueueAsItWas() throws Exception {
    Pair pair = startPair();
    HubNode leader = pair.leader();
    HubNode survivor = pair.other();

    // Nobody is available: the conversation waits in its queue.
    String waiting =
        accepted(
                leader.ingest(
                    Interactions.chat("chat-1", "visitor-1", "hello, my parcel did not arrive")))
            .getString("conversationId");
    String admin = survivor.login("admin", HubNode.ADMIN_PASSWORD);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> waitingIn(survivor, admin).contains(waiting));

    leader.kill();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(survivor::routes);

    BlockingQueue<JsonObject> frames = availableAgent(survivor, admin, "ann");
    // The conversation that waited before the kill is offered by the new routing node.
    JsonObject offer = HubNode.next(frames, "assignment.offered").getJsonObject("payload");
    assertThat(offer.getString("conversationId")).isEqualTo(waiting);
  }

  @Test
  void anAgentOnTheSurvivingNodeGetsTheNewRoutingNodesOffersAndOpenOnesAgain() throws Exception {
    Pair pair = startPair();
    HubNode leader = pair.leader();
    HubNode survivor = pair.other();
    String admin = survivor.login("admin", HubNode.ADMIN_PASSWORD);
    BlockingQueue<JsonObject> frames = availableAgent(survivor, admin, "bob");
    String before =
        accepted(leader.ingest(Interactions.chat("chat-1", "visitor-1", "before the crash")))
            .getString("conversationId");
    assertThat(
            HubNode.next(frames, "assignment.offered")
                .getJsonObject("payload")
                .getString("conversationId"))
        .isEqualTo(before);

    leader.kill();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(survivor::routes);
    // Still open: the new routing node repeats it, in case the old one died before telling.
    JsonObject resent = HubNode.next(frames, "assignment.offered").getJsonObject("payload");
    assertThat(resent.getString("conversationId")).isEqualTo(before);
    assertThat(resent.getString("reason")).isEqualTo("resent");

    String after =
        accepted(survivor.ingest(Interactions.chat("chat-2", "visitor-2", "after the crash")))
            .getString("conversationId");
    assertThat(
            HubNode.next(frames, "assignment.offered")
                .getJsonObject("payload")
                .getString("conversationId"))
        .isEqualTo(after);
  }

  /** Two nodes on a redis-server with an append-only file, once one of them routes. */
  private record Pair(HubNode leader, HubNode other) {}

  private Pair startPair() throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), true));
    List<HubNode> nodes = HubNode.startAll(List.of("node-a", "node-b"), dir, redis.url(), Map.of());
    nodes.forEach(this::track);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> nodes.get(0).routes() != nodes.get(1).routes());
    return nodes.get(0).routes()
        ? new Pair(nodes.get(0), nodes.get(1))
        : new Pair(nodes.get(1), nodes.get(0));
  }

  /**
   * Creates an agent with the chat skill, opens their stream on the node and sets them available;
   * the stream's frames after the hello.
   */
  private static BlockingQueue<JsonObject> availableAgent(HubNode node, String admin, String login)
      throws Exception {
    String token = node.login(login, node.createAgent(login));
    chatSkill(node, admin, login);
    BlockingQueue<JsonObject> frames = node.stream(token);
    HubNode.next(frames, "hello");
    HttpResponse<String> presence =
        node.put(
            "/api/v1/agents/me/presence", token, new JsonObject().put("presence", "available"));
    assertThat(presence.statusCode()).as(presence.body()).isEqualTo(200);
    return frames;
  }

  /** Gives the agent the skill of the default configuration's chat queue. */
  private static void chatSkill(HubNode node, String admin, String login) throws Exception {
    HttpResponse<String> r =
        node.put(
            "/api/v1/agents/" + login + "/profile",
            admin,
            new JsonObject()
                .put("skills", new JsonArray().add("chat"))
                .put("capacity", new JsonObject().put("webchat", 2)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static JsonObject accepted(HttpResponse<String> r) {
    assertThat(r.statusCode()).as("%s answered %s", r.uri(), r.body()).isIn(200, 201, 202);
    return new JsonObject(r.body());
  }

  /** Every queue's counts (not what moves with the clock: waits, occupancy). */
  private static JsonArray queues(HubNode node, String token) throws Exception {
    JsonObject stats = new JsonObject(node.get("/api/v1/queues/stats", token).body());
    JsonArray out = new JsonArray();
    for (Object o : stats.getJsonArray("queues")) {
      JsonObject q = (JsonObject) o;
      JsonObject total = q.getJsonObject("total");
      JsonObject agents = q.getJsonObject("agents");
      out.add(
          new JsonObject()
              .put("queue", q.getString("queue"))
              .put("waiting", total.getInteger("waiting"))
              .put("answered", total.getLong("answered"))
              .put("abandoned", total.getLong("abandoned"))
              .put("handled", total.getLong("handled"))
              .put("speedOfAnswer", total.getDouble("averageSpeedOfAnswerSeconds"))
              .put("available", agents.getInteger("available"))
              .put("busy", agents.getInteger("busy")));
    }
    return out;
  }

  private static int answered(JsonArray queues) {
    return queues.stream().mapToInt(q -> ((JsonObject) q).getInteger("answered")).sum();
  }

  /** The conversations waiting in any queue, as {@code node} shows them. */
  private static String waitingIn(HubNode node, String token) throws Exception {
    StringBuilder ids = new StringBuilder();
    for (Object q :
        new JsonObject(node.get("/api/v1/queues/stats", token).body()).getJsonArray("queues")) {
      String name = ((JsonObject) q).getString("queue");
      ids.append(node.get("/api/v1/queues/" + name, token).body());
    }
    return ids.toString();
  }
}
