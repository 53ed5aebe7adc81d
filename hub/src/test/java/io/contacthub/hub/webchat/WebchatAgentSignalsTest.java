package io.contacthub.hub.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's typing and read signals ({@code POST /api/v1/conversations/{id}/typing} and {@code
 * .../read}) reach the visitor's open chat: "Maria is typing", and "read" on the messages the agent
 * has seen; bad calls are refused with problems.
 */
@Timeout(120)
class WebchatAgentSignalsTest {

  static final String ORIGIN = "https://shop.example";

  @TempDir Path data;
  private HubFixture hub;
  private String agent;

  @BeforeEach
  void start() {
    hub = ChatHub.start(data, ORIGIN, ChatHub.config(ORIGIN, "", new JsonObject()));
    agent = hub.userToken("maria", "agent");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private static JsonObject own(ChatClient c, String clientId, String state) {
    return c.waitFor(
        f -> clientId.equals(f.getString("clientId")) && state.equals(f.getString("state")));
  }

  @Test
  void theVisitorSeesTheAgentTypingAndWhatTheAgentHasRead() {
    ChatClient visitor = ChatClient.connect(hub.clientVertx(), hub.port(), ChatHub.SITE, ORIGIN);
    visitor.hello(new JsonObject());
    visitor.message("m-1", "First question");
    String conversation =
        visitor.waitFor(f -> "ack".equals(f.getString("type"))).getString("conversationId");
    String first = own(visitor, "m-1", "sent").getString("id");
    visitor.message("m-2", "Second question");
    own(visitor, "m-2", "sent");

    // Typing: accepted, shown with the agent's name; a repeat within 2 s is dropped.
    String base = "/api/v1/conversations/" + conversation;
    hub.call(HttpMethod.POST, base + "/typing", agent, null).expect(202);
    hub.call(HttpMethod.POST, base + "/typing", agent, null).expect(202);
    JsonObject typing = visitor.waitFor(f -> "typing".equals(f.getString("type")));
    assertThat(typing.getString("agentName")).isEqualTo("maria");

    // Read up to the first message: only that one turns "read" for the visitor.
    hub.post(base + "/read", agent, new JsonObject().put("upTo", first)).expect(204);
    JsonObject read = own(visitor, "m-1", "read");
    assertThat(read.getString("id")).isEqualTo(first);
    assertThat(visitor.frames.stream().filter(f -> "typing".equals(f.getString("type"))))
        .hasSize(1);
    assertThat(
            visitor.messages().stream()
                .filter(m -> "m-2".equals(m.getString("clientId")))
                .map(m -> m.getString("state")))
        .containsOnly("sent");

    // Read without a body: everything; the agent's API shows who read it.
    hub.call(HttpMethod.POST, base + "/read", agent, null).expect(204);
    String second = own(visitor, "m-2", "read").getString("id");
    JsonObject mark =
        hub.get("/api/v1/interactions/" + second, agent)
            .expect(200)
            .json()
            .getJsonObject("extras")
            .getJsonObject("agentRead");
    assertThat(mark.getString("by")).isEqualTo("maria");
    visitor.close();
  }

  @Test
  void badSignalsAreRefusedWithProblems() {
    ChatClient visitor = ChatClient.connect(hub.clientVertx(), hub.port(), ChatHub.SITE, ORIGIN);
    visitor.hello(new JsonObject());
    visitor.message("m-1", "Hello");
    String conversation =
        visitor.waitFor(f -> "ack".equals(f.getString("type"))).getString("conversationId");
    String base = "/api/v1/conversations/" + conversation;

    HubFixture.Response unknownUpTo =
        hub.post(base + "/read", agent, new JsonObject().put("upTo", "no-such-id")).expect(400);
    assertThat(unknownUpTo.contentType()).startsWith("application/problem+json");
    assertThat(unknownUpTo.json().getString("detail")).contains("upTo");
    hub.post(base + "/read", agent, new JsonObject().put("upTo", 5)).expect(400);
    hub.call(HttpMethod.POST, "/api/v1/conversations/nope/typing", agent, null).expect(404);
    hub.call(HttpMethod.POST, "/api/v1/conversations/nope/read", agent, null).expect(404);
    hub.call(HttpMethod.POST, base + "/typing", null, null).expect(401);
    hub.call(HttpMethod.POST, base + "/read", HubFixture.INGEST_TOKEN, null).expect(403);
    visitor.close();
  }
}
