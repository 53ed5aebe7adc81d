package io.contacthub.hub.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat protocol against a started hub with real WebSocket clients: messages are acknowledged
 * once durable and come back with sequence numbers, agents' replies arrive live, and a client that
 * drops (or a hub that restarts) resumes from its last sequence number with nothing lost and
 * nothing twice.
 */
@Timeout(120)
class WebchatProtocolTest {

  static final String ORIGIN = "https://shop.example";

  @TempDir Path data;
  private HubFixture hub;

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private ChatClient client() {
    return ChatClient.connect(hub.clientVertx(), hub.port(), ChatHub.SITE, ORIGIN);
  }

  private JsonObject reply(String agent, String conversation, String text) {
    return hub.reply(conversation, agent, text).expect(202).json();
  }

  private static long lastSeq(ChatClient c) {
    return c.messages().stream().mapToLong(m -> m.getLong("seq")).max().orElse(0);
  }

  @Test
  void sendReceiveDropAndResumeWithoutLossOrDuplicates() {
    hub = ChatHub.start(data, ORIGIN, ChatHub.config(ORIGIN, "", new JsonObject()));
    String agent = hub.userToken("maria", "agent");

    // GIVEN a new visitor who writes once
    ChatClient first = client();
    JsonObject welcome = first.hello(new JsonObject());
    assertThat(welcome.getString("type")).isEqualTo("welcome");
    String token = welcome.getString("visitorToken");
    first.message("c-1", "Hello, is my order shipped?");
    JsonObject ack = first.waitFor(f -> "ack".equals(f.getString("type")));
    assertThat(ack.getString("clientId")).isEqualTo("c-1");
    String conversation = ack.getString("conversationId");
    JsonObject own =
        first.waitFor(f -> "c-1".equals(f.getString("clientId")) && f.containsKey("seq"));
    assertThat(own.getString("from")).isEqualTo("visitor");

    // WHEN an agent answers, it arrives live with the agent's name
    reply(agent, conversation, "Yes, it left this morning.");
    JsonObject answer =
        first.waitFor(f -> "Yes, it left this morning.".equals(f.getString("text")));
    assertThat(answer.getString("from")).isEqualTo("agent");
    assertThat(answer.getString("agentName")).isEqualTo("maria");
    assertThat(answer.getLong("seq")).isGreaterThan(own.getLong("seq"));

    // ... the connection drops, and the agent writes while the visitor is away
    long seen = lastSeq(first);
    first.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> hub.get("/health/live", null).status() == 200);
    reply(agent, conversation, "Anything else?");

    // THEN the visitor reconnects with the last sequence number, resends the message it never
    // saw acknowledged, and gets exactly what it missed
    ChatClient second = client();
    second.hello(new JsonObject().put("visitorToken", token).put("lastSeq", seen));
    second.message("c-1", "Hello, is my order shipped?");
    second.message("c-2", "No, thanks!");
    second.waitFor(f -> "No, thanks!".equals(f.getString("text")));
    second.waitFor(f -> "ack".equals(f.getString("type")) && "c-1".equals(f.getString("clientId")));
    assertThat(second.count("Anything else?")).isEqualTo(1);
    assertThat(second.count("Hello, is my order shipped?")).isZero();
    // A message that changed after the visitor saw it (its delivery state) may come again, as
    // the same message (same id) that the widget replaces: never as a new one.
    assertThat(
            second.frames.stream()
                .filter(f -> "Yes, it left this morning.".equals(f.getString("text")))
                .map(f -> f.getString("id")))
        .allMatch(id -> id.equals(answer.getString("id")));
    assertThat(ChatHub.texts(hub, agent, conversation))
        .containsExactly(
            "Hello, is my order shipped?",
            "Yes, it left this morning.",
            "Anything else?",
            "No, thanks!");
    second.close();
  }

  @Test
  void aHubRestartKeepsTheVisitorAndTheSequence() {
    JsonObject overlay = ChatHub.config(ORIGIN, "", new JsonObject());
    hub = ChatHub.start(data, ORIGIN, overlay);
    String agent = hub.userToken("maria", "agent");
    ChatClient before = client();
    String token = before.hello(new JsonObject()).getString("visitorToken");
    before.message("r-1", "Before the restart");
    String conversation =
        before.waitFor(f -> "ack".equals(f.getString("type"))).getString("conversationId");
    before.waitFor(f -> "Before the restart".equals(f.getString("text")));
    long seen = lastSeq(before);
    reply(agent, conversation, "Sent just before the restart");
    before.waitFor(f -> "Sent just before the restart".equals(f.getString("text")));

    hub.close();
    hub = ChatHub.start(data, ORIGIN, overlay);

    ChatClient after = client();
    JsonObject welcome =
        after.hello(new JsonObject().put("visitorToken", token).put("lastSeq", seen));
    assertThat(welcome.getString("type")).isEqualTo("welcome");
    assertThat(welcome.getString("conversationId")).isEqualTo(conversation);
    after.waitFor(f -> "Sent just before the restart".equals(f.getString("text")));
    after.message("r-2", "After the restart");
    after.waitFor(f -> "After the restart".equals(f.getString("text")));
    assertThat(after.count("Before the restart")).isZero();
    assertThat(after.count("Sent just before the restart")).isEqualTo(1);
    String agentAfter = hub.login("maria", "maria-password-123");
    assertThat(ChatHub.texts(hub, agentAfter, conversation))
        .containsExactly("Before the restart", "Sent just before the restart", "After the restart");
    after.close();
  }

  @Test
  void theVisitorsReadStateReachesTheAgentsTimeline() {
    hub = ChatHub.start(data, ORIGIN, ChatHub.config(ORIGIN, "", new JsonObject()));
    String agent = hub.userToken("maria", "agent");
    ChatClient c = client();
    c.hello(new JsonObject());
    c.message("x-1", "Hi");
    String conversation =
        c.waitFor(f -> "ack".equals(f.getString("type"))).getString("conversationId");
    String id = reply(agent, conversation, "Hello!").getString("interactionId");
    JsonObject shown = c.waitFor(f -> "Hello!".equals(f.getString("text")));
    assertThat(shown.getString("state")).isEqualTo("delivered");

    c.send(new JsonObject().put("type", "read").put("seq", shown.getLong("seq")));

    c.waitFor(f -> "Hello!".equals(f.getString("text")) && "read".equals(f.getString("state")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                hub.get("/api/v1/interactions/" + id, agent)
                    .json()
                    .getJsonObject("extras")
                    .containsKey("read"));
    c.close();
  }

  private boolean agentsAvailable() {
    try (ChatClient c = client()) {
      return c.hello(new JsonObject()).getBoolean("agentsAvailable");
    }
  }

  @Test
  void agentsAvailableIsRoutingsPresenceOnTheChatQueue() {
    hub = ChatHub.start(data, ORIGIN, ChatHub.config(ORIGIN, "", new JsonObject()));
    String maria = hub.userToken("maria", "agent");
    assertThat(agentsAvailable()).as("nobody").isFalse();

    // Available, but without the chat queue's skill: no chat queue would offer her a chat.
    hub.presence(maria, "available");
    assertThat(agentsAvailable()).as("no chat skill").isFalse();

    ChatHub.agentPresence(hub, "maria", maria, 0, "available");
    assertThat(agentsAvailable()).as("no room for chats").isFalse();

    ChatHub.agentPresence(hub, "maria", maria, 2, "away");
    assertThat(agentsAvailable()).as("away").isFalse();

    ChatHub.agentPresence(hub, "maria", maria, 2, "available");
    assertThat(agentsAvailable()).as("available with room").isTrue();
  }

  @Test
  void aResumeAfterALongAbsenceGetsEveryMessageNotOnlyTheNewestPage() {
    hub =
        ChatHub.start(
            data,
            ORIGIN,
            ChatHub.config(
                ORIGIN,
                "",
                new JsonObject()
                    .put(
                        "rateLimit",
                        new JsonObject().put("visitorPerMinute", 1000).put("ipPerMinute", 1000))));
    int count = 260; // more than one page of 200
    ChatClient first = client();
    String token = first.hello(new JsonObject()).getString("visitorToken");
    first.message("m-0", "message 0");
    long afterFirst =
        first
            .waitFor(f -> "m-0".equals(f.getString("clientId")) && f.containsKey("seq"))
            .getLong("seq");
    for (int i = 1; i < count; i++) {
      first.message("m-" + i, "message " + i);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                first.frames.stream().filter(f -> "ack".equals(f.getString("type"))).count()
                    == count);
    first.close();

    // Back after the first message: every later one, once, in order.
    ChatClient back = client();
    back.hello(new JsonObject().put("visitorToken", token).put("lastSeq", afterFirst));
    await().atMost(Duration.ofSeconds(60)).until(() -> back.messages().size() >= count - 1);
    assertThat(back.messages().stream().map(m -> m.getString("text")))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(1, count).mapToObj(i -> "message " + i).toList());
    back.close();

    // A page load (nothing seen) gets the whole conversation.
    ChatClient reload = client();
    reload.hello(new JsonObject().put("visitorToken", token).put("lastSeq", 0));
    await().atMost(Duration.ofSeconds(60)).until(() -> reload.messages().size() >= count);
    assertThat(reload.messages()).hasSize(count);
    reload.close();
  }
}
