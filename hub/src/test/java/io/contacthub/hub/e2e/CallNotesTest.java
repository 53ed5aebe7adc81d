package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents' notes and disposition on a call that came in through the generic CTI endpoint: stored
 * durably next to the call's own state (which the call's events rewrite), shown on the timeline,
 * searchable, and refused with a problem for bad input or the wrong caller.
 */
@Timeout(90)
class CallNotesTest {

  private static final String CTI_TOKEN = "cti-token-for-notes";

  @TempDir static Path data;
  static HubFixture hub;
  static String agent;
  static String customer;
  static String callId;
  static String mailId;

  @BeforeAll
  static void start() {
    hub =
        HubFixture.start(
            data,
            Map.of(
                "HUB_PHONE_CTI_TOKEN",
                CTI_TOKEN,
                "HUB_PHONE_DISPOSITIONS",
                "resolved, callback, wrong-number"));
    agent = hub.userToken("emma", "agent");
    JsonObject mail = message("email", "email", "karl@example.com", "Where is my parcel?");
    mail.getJsonArray("identities")
        .add(new JsonObject().put("type", "phone").put("value", "+49 40 555 01234"));
    JsonObject ack = hub.ingest(mail);
    customer = ack.getString("customerId");
    mailId = ack.getString("interactionId");
    hub.cti(CTI_TOKEN, "event=newCall&from=494055501234&to=4930600000&direction=in&callId=notes-1")
        .expect(200);
    callId = awaitTimelineItem("call").getString("interactionId");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void notesAndDispositionSurviveTheCallsEventsAndShowOnTheTimeline() {
    JsonObject during =
        notes(callId, new JsonObject().put("note", "Parcel lost, refund promised"))
            .expect(200)
            .json();
    JsonArray notes = during.getJsonObject("extras").getJsonArray("notes");
    JsonObject added = notes.getJsonObject(notes.size() - 1);
    assertThat(added.getString("text")).isEqualTo("Parcel lost, refund promised");
    assertThat(added.getString("login")).isEqualTo("emma");

    hub.cti(
            CTI_TOKEN,
            "event=answer&from=494055501234&to=4930600000&direction=in&callId=notes-1&answeringNumber=emma")
        .expect(200);
    hub.cti(
            CTI_TOKEN,
            "event=hangup&from=494055501234&to=4930600000&direction=in&callId=notes-1&cause=normalClearing")
        .expect(200);
    notes(callId, new JsonObject().put("note", "Sent the label").put("disposition", "callback"))
        .expect(200);

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonObject extras = awaitTimelineItem("call").getJsonObject("extras");
              assertThat(extras.getJsonObject("call").getString("state")).isEqualTo("ended");
              assertThat(texts(extras.getJsonArray("notes")))
                  .containsSubsequence("Parcel lost, refund promised", "Sent the label");
              assertThat(extras.getJsonObject("disposition").getString("code"))
                  .isEqualTo("callback");
            });
  }

  @Test
  void notesAreSearchable() {
    notes(callId, new JsonObject().put("note", "Caller mentioned a hovercraft")).expect(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonArray hits =
                  hub.get("/api/v1/search?q=hovercraft", agent)
                      .expect(200)
                      .json()
                      .getJsonArray("hits");
              assertThat(hits.stream().map(JsonObject.class::cast))
                  .anySatisfy(
                      hit -> {
                        assertThat(hit.getString("interactionId")).isEqualTo(callId);
                        assertThat(hit.getString("snippet")).contains("<mark>hovercraft</mark>");
                      });
            });
  }

  @Test
  void concurrentNotesAreAllKept() {
    List<CompletableFuture<HubFixture.Response>> posts =
        IntStream.range(0, 8)
            .mapToObj(
                n ->
                    CompletableFuture.supplyAsync(
                        () -> notes(callId, new JsonObject().put("note", "parallel note " + n))))
            .toList();
    posts.forEach(p -> p.join().expect(200));
    // Reads catch up with the index refresh; a lost note would never show.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        texts(
                            hub.get("/api/v1/interactions/" + callId, agent)
                                .expect(200)
                                .json()
                                .getJsonObject("extras")
                                .getJsonArray("notes")))
                    .containsAll(
                        IntStream.range(0, 8).mapToObj(n -> "parallel note " + n).toList()));
  }

  @Test
  void badInputAndWrongCallersGetProblems() {
    assertProblem(notes(callId, new JsonObject().put("disposition", "escalated")), 400);
    assertProblem(notes(callId, new JsonObject()), 400);
    assertProblem(notes(callId, new JsonObject().put("note", "")), 400);
    assertProblem(notes(callId, new JsonObject().put("mood", "grumpy")), 400);
    assertProblem(notes(mailId, new JsonObject().put("note", "not a call")), 409);
    assertProblem(notes("no-such-interaction", new JsonObject().put("note", "x")), 404);
    assertProblem(
        hub.post(
            "/api/v1/interactions/" + callId + "/call-notes",
            HubFixture.INGEST_TOKEN,
            new JsonObject().put("note", "the service token is no agent")),
        403);
    assertProblem(
        hub.post(
            "/api/v1/interactions/" + callId + "/call-notes",
            null,
            new JsonObject().put("note", "anonymous")),
        401);
  }

  private static void assertProblem(HubFixture.Response r, int status) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  private static HubFixture.Response notes(String interactionId, JsonObject body) {
    return hub.post("/api/v1/interactions/" + interactionId + "/call-notes", agent, body);
  }

  private static JsonObject awaitTimelineItem(String kind) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                hub.timeline(customer, agent).stream()
                    .filter(i -> kind.equals(i.getString("kind")))
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  private static List<String> texts(JsonArray notes) {
    return notes.stream().map(n -> ((JsonObject) n).getString("text")).toList();
  }
}
