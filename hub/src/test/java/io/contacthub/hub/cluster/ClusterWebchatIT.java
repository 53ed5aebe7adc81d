package io.contacthub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two hub JVMs and a real redis-server, a visitor's chat socket on node B and the agent on node A:
 * the agent's replies, typing and read marks reach the visitor live and once, the visitor's typing
 * and leaving reach the agent, and a reply counts as delivered while a node holds the visitor.
 */
@Timeout(300)
class ClusterWebchatIT extends ClusterProcesses {

  private static final String SITE = "shop";
  private static final String ORIGIN = "https://shop.example";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void anAgentOnOneNodeChatsLiveWithAVisitorConnectedToTheOther() throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    Map<String, String> env = Map.of("HUB_CONFIG", configWithSite().toString());
    HubNode a = track(HubNode.start("node-a", dir, redis.url(), env));
    HubNode b = track(HubNode.start("node-b", dir, redis.url(), env));
    String agent = a.login("maria", a.createAgent("maria"));
    BlockingQueue<JsonObject> agentStream = a.stream(agent);
    HubNode.next(agentStream, "hello");

    Visitor visitor = track(Visitor.connect(b));
    visitor.send(new JsonObject().put("type", "hello").put("lastSeq", 0));
    visitor.await(f -> "welcome".equals(f.getString("type")));
    visitor.send(
        new JsonObject().put("type", "message").put("clientId", "m-1").put("text", "Hello?"));
    String conversation =
        visitor.await(f -> "ack".equals(f.getString("type"))).getString("conversationId");
    String question = visitor.await(f -> "m-1".equals(f.getString("clientId"))).getString("id");
    String base = "/api/v1/conversations/" + conversation;

    // The visitor types on node B: the agent on node A sees it.
    visitor.send(new JsonObject().put("type", "typing").put("on", true));
    JsonObject typingToAgent = HubNode.next(agentStream, "webchat.typing").getJsonObject("payload");
    assertThat(typingToAgent.getString("conversationId")).isEqualTo(conversation);
    assertThat(typingToAgent.getBoolean("typing")).isTrue();

    // The agent types on node A: the visitor on node B sees it.
    assertThat(a.post(base + "/typing", agent, "application/json", "").statusCode()).isEqualTo(202);
    assertThat(visitor.await(f -> "typing".equals(f.getString("type"))).getString("agentName"))
        .isEqualTo("maria");

    // The agent replies on node A: the visitor on node B gets it, and it counts as delivered.
    JsonObject reply = reply(a, agent, conversation, "Yes, how can I help?");
    JsonObject shown = visitor.await(f -> "Yes, how can I help?".equals(f.getString("text")));
    assertThat(shown.getString("from")).isEqualTo("agent");
    assertThat(shown.getString("id")).isEqualTo(reply.getString("interactionId"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        new JsonObject(
                                a.get("/api/v1/interactions/" + shown.getString("id"), agent)
                                    .body())
                            .getJsonObject("extras")
                            .getJsonObject("delivery")
                            .getString("state"))
                    .isEqualTo("delivered"));

    // The agent reads the question on node A: the visitor on node B sees it read.
    assertThat(
            a.post(base + "/read", agent, "application/json", "{\"upTo\":\"" + question + "\"}")
                .statusCode())
        .isEqualTo(204);
    visitor.await(
        f -> "m-1".equals(f.getString("clientId")) && "read".equals(f.getString("state")));

    // A second reply comes after the first. Each version of a message (its delivery state, a
    // read mark, rewrite it under a higher seq) reached the visitor once: no seq twice.
    reply(a, agent, conversation, "Still there?");
    visitor.await(f -> "Still there?".equals(f.getString("text")));
    for (String text : List.of("Yes, how can I help?", "Still there?")) {
      assertThat(visitor.messages(text)).extracting(f -> f.getLong("seq")).doesNotHaveDuplicates();
    }
    assertThat(visitor.frames.stream().filter(f -> "typing".equals(f.getString("type"))))
        .hasSize(1);

    // The visitor leaves node B: the agent on node A hears it, and a reply now finds no node
    // holding the visitor, so it goes the offline way (no email address: it fails).
    visitor.close();
    JsonObject left = HubNode.next(agentStream, "webchat.visitor").getJsonObject("payload");
    assertThat(left.getString("conversationId")).isEqualTo(conversation);
    assertThat(left.getBoolean("online")).isFalse();
    String late = reply(a, agent, conversation, "Gone already?").getString("interactionId");
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        new JsonObject(a.get("/api/v1/interactions/" + late, agent).body())
                            .getJsonObject("extras")
                            .getJsonObject("delivery")
                            .getString("state"))
                    .isEqualTo("failed"));
  }

  private static JsonObject reply(HubNode node, String token, String conversation, String text)
      throws Exception {
    HttpResponse<String> r =
        node.post(
            "/api/v1/conversations/" + conversation + "/replies",
            token,
            "application/json",
            new JsonObject().put("text", text).encode());
    assertThat(r.statusCode()).isEqualTo(202);
    return new JsonObject(r.body());
  }

  /** The bundled configuration with one web chat site. */
  private Path configWithSite() throws Exception {
    String bundled;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("config/hub.yaml")) {
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String site =
        "  sites:\n    - id: "
            + SITE
            + "\n      origins: ["
            + ORIGIN
            + "]\n      chatPageUrl: ''\n";
    assertThat(bundled).contains("\n  sites: []\n");
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, bundled.replace("\n  sites: []\n", "\n" + site));
    return file;
  }

  /** The widget's socket on one node, recording every frame. */
  private static final class Visitor implements AutoCloseable {

    final List<JsonObject> frames;
    private final WebSocket ws;

    private Visitor(WebSocket ws, List<JsonObject> frames) {
      this.ws = ws;
      this.frames = frames;
    }

    static Visitor connect(HubNode node) throws Exception {
      List<JsonObject> frames = new CopyOnWriteArrayList<>();
      WebSocket ws =
          HTTP.newWebSocketBuilder()
              .header("Origin", ORIGIN)
              .buildAsync(
                  URI.create(
                      "ws://127.0.0.1:" + node.port() + "/channels/webchat/socket?site=" + SITE),
                  new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(
                        WebSocket socket, CharSequence data, boolean last) {
                      text.append(data);
                      if (last) {
                        frames.add(new JsonObject(text.toString()));
                        text.setLength(0);
                      }
                      socket.request(1);
                      return null;
                    }
                  })
              .get(20, TimeUnit.SECONDS);
      return new Visitor(ws, frames);
    }

    void send(JsonObject frame) throws Exception {
      ws.sendText(frame.encode(), true).get(10, TimeUnit.SECONDS);
    }

    /** The first frame {@code p} accepts; fails after 15 s. */
    JsonObject await(Predicate<JsonObject> p) {
      return Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> frames.stream().filter(p).findFirst().orElse(null), f -> f != null);
    }

    List<JsonObject> messages(String text) {
      return frames.stream()
          .filter(f -> "message".equals(f.getString("type")) && text.equals(f.getString("text")))
          .toList();
    }

    @Override
    public void close() {
      ws.abort();
    }
  }
}
