package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routing against a started hub over real HTTP and WebSockets: an offer pushed to the agent, the
 * accept, {@code queue.stats} pushed to supervisors within a second of a change and never to
 * agents, the REST snapshot, and {@code /metrics} accepted by {@code promtool check metrics}.
 */
@Timeout(120)
class RoutingLiveTest extends HubPerClassTest {

  private static JsonObject chatQueue(JsonObject stats) {
    return stats.getJsonArray("queues").stream()
        .map(JsonObject.class::cast)
        .filter(q -> "chat".equals(q.getString("queue")))
        .findFirst()
        .orElseThrow()
        .getJsonObject("total");
  }

  @Test
  void aDisabledAgentGoesOfflineAndLosesTheOfferMadeToThem() throws Exception {
    String dan = hub.userToken("dan", "agent");
    // The email queue: no other test of this class has an agent there.
    hub.agentProfile("dan", "email", "email", 2);
    hub.presence(dan, "available");
    String conversation =
        hub.ingest(Interactions.email("kim@example.com", "<d-1@example.com>", "Help", "hello"))
            .getString("conversationId");
    String admin = hub.adminToken();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "offered".equals(item(admin, conversation).getString("state")));
    assertThat(item(admin, conversation).getString("agent")).isEqualTo("dan");

    hub.call(HttpMethod.PATCH, "/api/v1/users/dan", admin, new JsonObject().put("disabled", true))
        .expect(200);

    JsonObject agent =
        hub.get("/api/v1/agents", admin).expect(200).json().getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(a -> "dan".equals(a.getString("login")))
            .findFirst()
            .orElseThrow();
    assertThat(agent.getString("presence")).isEqualTo("offline");
    assertThat(item(admin, conversation).getString("state")).isEqualTo("waiting");
  }

  /** The email queue's open item for the conversation. */
  private JsonObject item(String token, String conversationId) {
    return hub.get("/api/v1/queues/email", token).expect(200).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(w -> conversationId.equals(w.getString("conversationId")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void offerAcceptAndLiveStatsForSupervisorsOnly() throws Exception {
    String ann = hub.userToken("ann", "agent");
    String sue = hub.userToken("sue", "supervisor");
    hub.agentProfile("ann", "chat", "webchat", 2);
    hub.presence(ann, "available");

    try (StreamRecorder annStream = new StreamRecorder(hub, ann);
        StreamRecorder sueStream = new StreamRecorder(hub, sue)) {
      JsonObject baseline = chatQueue(hub.get("/api/v1/queues/stats", sue).expect(200).json());
      int waiting = baseline.getInteger("waiting");
      int answered = baseline.getInteger("answered");
      long before = System.nanoTime();
      JsonObject ack =
          hub.ingest(
              message("webchat", "visitor", "v-route-1", "I need help")
                  .put("threadKeys", new JsonArray().add("session-route-1")));
      String conversation = ack.getString("conversationId");

      // GIVEN the change at `before`, THEN a supervisor sees it in queue.stats within 1 s.
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  sueStream.ofType("queue.stats").stream()
                      .anyMatch(f -> chatQueue(f.payload()).getInteger("waiting") == waiting + 1));
      StreamRecorder.Frame first =
          sueStream.ofType("queue.stats").stream()
              .filter(f -> chatQueue(f.payload()).getInteger("waiting") == waiting + 1)
              .findFirst()
              .orElseThrow();
      assertThat(TimeUnit.NANOSECONDS.toMillis(first.nanos() - before)).isLessThan(1000);

      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> offerOf(annStream, conversation) != null);
      JsonObject offer = offerOf(annStream, conversation);
      assertThat(offer.getString("queue")).isEqualTo("chat");
      assertThat(offer.getString("reason")).isEqualTo("longest_idle");

      JsonObject accepted =
          hub.post("/api/v1/conversations/" + conversation + "/accept", ann, null)
              .expect(200)
              .json();
      assertThat(accepted.getString("state")).isEqualTo("assigned");
      assertThat(hub.post("/api/v1/conversations/" + conversation + "/accept", ann, null).status())
          .isEqualTo(409);

      JsonObject stats = hub.get("/api/v1/queues/stats", sue).expect(200).json();
      assertThat(chatQueue(stats).getInteger("answered")).isEqualTo(answered + 1);
      assertThat(chatQueue(stats).getInteger("waiting")).isEqualTo(waiting);
      assertThat(hub.get("/api/v1/queues/stats", ann).status()).isEqualTo(403);

      JsonObject me = hub.get("/api/v1/agents/me", ann).expect(200).json();
      assertThat(me.getJsonArray("work").stream().map(o -> ((JsonObject) o).getString("id")))
          .contains(conversation);

      // The accept reaches supervisors as stats too; by then the agent has had every chance.
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  sueStream.ofType("queue.stats").stream()
                      .anyMatch(
                          f -> chatQueue(f.payload()).getInteger("answered") == answered + 1));
      assertThat(annStream.ofType("queue.stats")).isEmpty();
      assertThat(annStream.ofType("assignment.accepted")).hasSize(1);

      // Resolved, then reopened by the customer: back to ann, its last agent.
      hub.post(
              "/api/v1/conversations/" + conversation + "/status",
              ann,
              new JsonObject().put("status", "resolved"))
          .expect(200);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !annStream.ofType("assignment.ended").isEmpty());
      JsonObject again =
          hub.ingest(
              message("webchat", "visitor", "v-route-1", "one more thing")
                  .put("references", new JsonArray().add("session-route-1")));
      assertThat(again.getString("conversationId")).isEqualTo(conversation);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  annStream.ofType("assignment.offered").stream()
                      .anyMatch(f -> "sticky".equals(f.payload().getString("reason"))));
    }
  }

  private static JsonObject offerOf(StreamRecorder stream, String conversation) {
    return stream.ofType("assignment.offered").stream()
        .map(StreamRecorder.Frame::payload)
        .filter(p -> conversation.equals(p.getString("conversationId")))
        .findFirst()
        .orElse(null);
  }

  @Test
  void badRoutingInputIsAProblem() {
    String ann = hub.userToken("bea", "agent");
    HubFixture.Response r =
        hub.call(
            HttpMethod.PUT,
            "/api/v1/agents/me/presence",
            ann,
            new JsonObject().put("presence", "wrap_up"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(hub.post("/api/v1/conversations/nope/accept", ann, null).status()).isEqualTo(404);
    assertThat(
            hub.call(
                    HttpMethod.PUT,
                    "/api/v1/agents/ghost/profile",
                    hub.adminToken(),
                    new JsonObject().put("skills", new JsonArray()))
                .status())
        .isEqualTo(404);
  }

  @Test
  void metricsPassPromtoolWithBoundedTags() throws Exception {
    hub.ingest(message("email", "email", "metrics@example.com", "metrics please"));
    String body = hub.get("/metrics", null).expect(200).body().toString(StandardCharsets.UTF_8);
    assertThat(body).contains("hub_queue_waiting{").contains("queue=\"chat\"");
    assertThat(body).contains("hub_queue_agents{");
    assertThat(body).doesNotContain("metrics@example.com").doesNotContain("conversationId");

    Path file = Files.createTempFile(data, "metrics", ".txt");
    Files.writeString(file, body);
    Process promtool =
        new ProcessBuilder("/usr/bin/promtool", "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as(out).isZero();
  }
}
