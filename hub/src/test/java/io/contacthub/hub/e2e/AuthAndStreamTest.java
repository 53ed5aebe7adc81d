package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.stream.WebSockets;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, roles and the live stream against a started hub. */
@Timeout(60)
class AuthAndStreamTest {

  @TempDir static Path data;
  static HubFixture hub;

  @BeforeAll
  static void start() {
    hub = HubFixture.start(data);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void everyApiRouteNeedsAToken() {
    assertThat(hub.get("/api/v1/search?q=x", null).status()).isEqualTo(401);
    assertThat(hub.get("/api/v1/customers/x", "not-a-jwt").status()).isEqualTo(401);
    assertThat(
            hub.post("/api/v1/interactions", null, message("email", "email", "a@b.c", "x"))
                .status())
        .isEqualTo(401);
    assertThat(hub.get("/health/live", null).status()).isEqualTo(200);
  }

  @Test
  void wrongPasswordIsRefused() {
    HubFixture.Response r =
        hub.post(
            "/api/v1/auth/login",
            null,
            new JsonObject().put("login", "admin").put("password", "wrong"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void rolesAreEnforced() {
    String agent = hub.userToken("agent-roles", "agent");
    String supervisor = hub.userToken("supervisor-roles", "supervisor");
    JsonObject newUser =
        new JsonObject().put("login", "x1").put("password", "password-123456").put("role", "agent");
    assertThat(hub.post("/api/v1/users", agent, newUser).status()).isEqualTo(403);
    assertThat(hub.post("/api/v1/users", supervisor, newUser).status()).isEqualTo(403);
    assertThat(hub.get("/api/v1/users", supervisor).status()).isEqualTo(200);
    assertThat(hub.get("/api/v1/users", agent).status()).isEqualTo(403);
    // The ingest token may ingest and nothing else.
    assertThat(hub.get("/api/v1/search?q=x", HubFixture.INGEST_TOKEN).status()).isIn(401, 403);
    // Agents read, but do not ingest with their own token.
    assertThat(
            hub.post("/api/v1/interactions", agent, message("email", "email", "a@b.c", "x"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void streamDeliversInteractionCreatedToALoggedInAgent() throws Exception {
    String agent = hub.userToken("agent-stream", "agent");
    WebSocketClient client = hub.clientVertx().createWebSocketClient();
    CompletableFuture<JsonObject> created = new CompletableFuture<>();
    String marker = "stream-" + System.nanoTime();
    CompletableFuture<Void> hello = new CompletableFuture<>();
    WebSocket ws =
        HubFixture.await(
            WebSockets.connect(
                hub.clientVertx(),
                client,
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(hub.port())
                    .setURI("/api/v1/stream?access_token=" + agent),
                socket ->
                    socket.textMessageHandler(
                        text -> {
                          JsonObject frame = new JsonObject(text);
                          if ("hello".equals(frame.getString("type"))) {
                            hello.complete(null);
                          }
                          if ("interaction.created".equals(frame.getString("type"))
                              && marker.equals(frame.getJsonObject("payload").getString("text"))) {
                            created.complete(frame);
                          }
                        })));
    hello.get(10, TimeUnit.SECONDS);

    JsonObject ack = hub.ingest(message("webchat", "visitor", "v-stream", marker));

    JsonObject frame = created.get(10, TimeUnit.SECONDS);
    assertThat(frame.getJsonObject("payload").getString("interactionId"))
        .isEqualTo(ack.getString("interactionId"));
    HubFixture.await(ws.close());
    HubFixture.await(client.close());
  }

  @Test
  void streamRefusesAMissingOrBadToken() {
    WebSocketClient client = hub.clientVertx().createWebSocketClient();
    Future<WebSocket> attempt =
        client.connect(
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(hub.port())
                .setURI("/api/v1/stream?access_token=forged"));
    assertThat(attempt.toCompletionStage().toCompletableFuture()).failsWithin(10, TimeUnit.SECONDS);
    HubFixture.await(client.close());
  }
}
