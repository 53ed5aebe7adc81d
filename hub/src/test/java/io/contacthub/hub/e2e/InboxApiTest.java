package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.email;
import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/v1/conversations}: the inbox order, filters, paging and previews. */
@Timeout(60)
class InboxApiTest extends HubPerClassTest {

  static String agent;

  @BeforeAll
  static void seed() {
    agent = hub.userToken("agent-inbox", "agent");
    Instant t = Instant.parse("2026-01-10T10:00:00Z");
    // Three customers, one conversation each; the WhatsApp one is the most recent.
    hub.ingest(
        email("old@example.com", "<m1@example.com>", "Oldest", "first mail")
            .put("occurredAt", t.toString()));
    hub.ingest(
        message("whatsapp", "phone", "+14155550111", "hola   from\nwhatsapp")
            .put("occurredAt", t.plusSeconds(120).toString())
            .put(
                "identities",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "phone")
                            .put("value", "+14155550111")
                            .put("displayName", "Bea Ortiz"))));
    JsonObject third =
        hub.ingest(
            email("mid@example.com", "<m3@example.com>", "Middle", "x".repeat(400))
                .put("occurredAt", t.plusSeconds(60).toString()));
    hub.post(
            "/api/v1/conversations/" + third.getString("conversationId") + "/status",
            agent,
            new JsonObject().put("status", "resolved"))
        .expect(200);
  }

  private static JsonObject inbox(String query) {
    return hub.get("/api/v1/conversations" + query, agent).expect(200).json();
  }

  @Test
  void listsLatestActivityFirstWithNameAndPreview() {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                inbox("").getJsonArray("items").stream()
                    .allMatch(i -> ((JsonObject) i).getValue("lastInteraction") != null));
    JsonArray items = inbox("").getJsonArray("items");

    assertThat(items).hasSize(3);
    JsonObject first = items.getJsonObject(0);
    assertThat(first.getJsonArray("channels")).containsExactly("whatsapp");
    assertThat(first.getString("customerDisplayName")).isEqualTo("Bea Ortiz");
    assertThat(first.getJsonObject("lastInteraction").getString("preview"))
        .isEqualTo("hola from whatsapp");
    assertThat(items.getJsonObject(1).getString("subject")).isEqualTo("Middle");
    assertThat(items.getJsonObject(1).getJsonObject("lastInteraction").getString("preview"))
        .hasSize(160)
        .endsWith("…");
    assertThat(items.getJsonObject(2).getString("subject")).isEqualTo("Oldest");
  }

  @Test
  void filtersByStatusAndChannel() {
    assertThat(inbox("?status=open&status=pending").getJsonArray("items")).hasSize(2);
    assertThat(
            inbox("?status=resolved").getJsonArray("items").getJsonObject(0).getString("subject"))
        .isEqualTo("Middle");
    assertThat(inbox("?channel=whatsapp").getJsonArray("items")).hasSize(1);
    assertThat(inbox("?channel=webchat").getJsonArray("items")).isEmpty();
  }

  @Test
  void pagesWithTheCursorToTheEnd() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = inbox("?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      page.getJsonArray("items")
          .forEach(i -> seen.add(((JsonObject) i).getString("conversationId")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);

    assertThat(seen).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void badCursorIs400() {
    assertThat(hub.get("/api/v1/conversations?cursor=nope", agent).status()).isEqualTo(400);
  }
}
