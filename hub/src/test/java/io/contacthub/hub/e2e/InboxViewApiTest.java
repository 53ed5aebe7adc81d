package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.email;
import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/conversations?view=}: the inbox narrowed by routing to the caller's own
 * conversations or their queues, with where each waits and who holds it; and the queues an agent
 * serves on {@code /api/v1/agents/me}.
 *
 * <p>ann serves chat with room for one webchat, bob serves email: ann's first chat is assigned to
 * her, her second waits in the chat queue, and an email is offered to bob.
 */
@Timeout(90)
class InboxViewApiTest {

  @TempDir static Path data;
  static HubFixture hub;
  static String ann;
  static String bob;
  static String assignedToAnn;
  static String waitingInChat;
  static String offeredToBob;
  static StreamRecorder annQueues;
  static StreamRecorder bobQueues;

  @BeforeAll
  static void start() throws Exception {
    // Offers stay open for the whole test.
    hub =
        HubFixture.start(
            data,
            Map.of(),
            new JsonObject().put("routing", new JsonObject().put("offerTimeoutSeconds", 600)));
    ann = hub.userToken("ann", "agent");
    bob = hub.userToken("bob", "agent");
    hub.agentProfile("ann", "chat", "webchat", 1);
    hub.agentProfile("bob", "email", "email", 1);
    hub.presence(ann, "available");
    annQueues = queuesStream(ann);
    bobQueues = queuesStream(bob);

    assignedToAnn = chat("v-view-1", "first chat");
    await().atMost(Duration.ofSeconds(10)).until(() -> workOf(ann).contains(assignedToAnn));
    hub.post("/api/v1/conversations/" + assignedToAnn + "/accept", ann, null).expect(200);

    // ann is at capacity now: the second chat waits in the queue.
    waitingInChat = chat("v-view-2", "second chat");
    offeredToBob =
        hub.ingest(email("c@example.com", "<view-1@example.com>", "Invoice", "where is it"))
            .getString("conversationId");
    hub.presence(bob, "available");
    await().atMost(Duration.ofSeconds(10)).until(() -> workOf(bob).contains(offeredToBob));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "chat".equals(item(inbox(ann, "all"), waitingInChat).getString("queue")));
  }

  @AfterAll
  static void stop() {
    annQueues.close();
    bobQueues.close();
    hub.close();
  }

  /** A live stream filtered to the agent's queues, as the desktop's My queues tab opens it. */
  private static StreamRecorder queuesStream(String token) throws Exception {
    StreamRecorder s = new StreamRecorder(hub, token);
    s.send(
        new JsonObject()
            .put("type", "stream.filter")
            .put("conversations", "queues")
            .put("watch", new JsonArray()));
    s.await(f -> "stream.filter".equals(f.type()));
    return s;
  }

  private static boolean updates(StreamRecorder.Frame f, String conversationId) {
    return "conversation.updated".equals(f.type())
        && conversationId.equals(f.payload().getString("conversationId"));
  }

  private static String chat(String visitor, String text) {
    return hub.ingest(
            message("webchat", "visitor", visitor, text)
                .put("threadKeys", new JsonArray().add("session-" + visitor)))
        .getString("conversationId");
  }

  private static List<String> workOf(String token) {
    return hub.get("/api/v1/agents/me", token).expect(200).json().getJsonArray("work").stream()
        .map(o -> ((JsonObject) o).getString("conversationId"))
        .toList();
  }

  private static JsonObject inbox(String token, String view) {
    return hub.get("/api/v1/conversations?view=" + view, token).expect(200).json();
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("conversationId"))
        .toList();
  }

  private static JsonObject item(JsonObject page, String conversationId) {
    return page.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(i -> conversationId.equals(i.getString("conversationId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(conversationId + " not listed in " + page));
  }

  @Test
  void mineListsWhatRoutingOfferedOrAssignedToTheCaller() {
    assertThat(ids(inbox(ann, "mine"))).containsExactly(assignedToAnn);
    assertThat(ids(inbox(bob, "mine"))).containsExactly(offeredToBob);

    JsonObject assigned = item(inbox(ann, "mine"), assignedToAnn);
    assertThat(assigned.getJsonArray("assignedTo")).containsExactly("ann");
    assertThat(assigned.getJsonArray("offeredTo")).isEmpty();
    assertThat(assigned.getValue("queue")).isNull();

    JsonObject offered = item(inbox(bob, "mine"), offeredToBob);
    assertThat(offered.getJsonArray("offeredTo")).containsExactly("bob");
    assertThat(offered.getJsonArray("assignedTo")).isEmpty();
  }

  @Test
  void queuesAddsWhatWaitsInAQueueTheCallerServes() {
    assertThat(ids(inbox(ann, "queues"))).containsExactlyInAnyOrder(assignedToAnn, waitingInChat);
    // bob lacks the chat skill: the waiting chat is not in his queues.
    assertThat(ids(inbox(bob, "queues"))).containsExactly(offeredToBob);

    JsonObject waiting = item(inbox(ann, "queues"), waitingInChat);
    assertThat(waiting.getString("queue")).isEqualTo("chat");
    assertThat(waiting.getJsonArray("assignedTo")).isEmpty();
    assertThat(waiting.getJsonArray("offeredTo")).isEmpty();
  }

  @Test
  void theQueuesStreamCarriesWhatTheQueuesViewLists() {
    annQueues.await(f -> updates(f, waitingInChat));
    bobQueues.await(f -> updates(f, offeredToBob));
    assertThat(bobQueues.frames).noneMatch(f -> updates(f, waitingInChat));
    assertThat(annQueues.frames).noneMatch(f -> updates(f, offeredToBob));
  }

  @Test
  void queuesPagesWithinTheView() {
    JsonObject first = hub.get("/api/v1/conversations?view=queues&limit=1", ann).expect(200).json();
    assertThat(first.getJsonArray("items")).hasSize(1);
    assertThat(first.getString("nextCursor")).isNotNull();
    JsonObject second =
        hub.get(
                "/api/v1/conversations?view=queues&limit=1&cursor=" + first.getString("nextCursor"),
                ann)
            .expect(200)
            .json();
    assertThat(second.getString("nextCursor")).isNull();
    assertThat(List.of(ids(first).getFirst(), ids(second).getFirst()))
        .containsExactlyInAnyOrder(assignedToAnn, waitingInChat);
  }

  @Test
  void allIsTheDefaultAndListsEveryone() {
    assertThat(ids(inbox(ann, "all")))
        .containsExactlyInAnyOrder(assignedToAnn, waitingInChat, offeredToBob);
    assertThat(ids(hub.get("/api/v1/conversations", bob).expect(200).json()))
        .containsExactlyInAnyOrderElementsOf(ids(inbox(ann, "all")));
    assertThat(item(inbox(ann, "all"), offeredToBob).getJsonArray("offeredTo"))
        .containsExactly("bob");
  }

  @Test
  void anUnknownViewIsAProblem() {
    HubFixture.Response r = hub.get("/api/v1/conversations?view=team", ann);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("detail")).contains("view");
  }

  @Test
  void meListsTheQueuesTheAgentServes() {
    assertThat(hub.get("/api/v1/agents/me", ann).expect(200).json().getJsonArray("queues"))
        .containsExactly("chat");
    assertThat(hub.get("/api/v1/agents/me", bob).expect(200).json().getJsonArray("queues"))
        .containsExactly("email");
  }
}
