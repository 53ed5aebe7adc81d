package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.email;
import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The spine over real HTTP: idempotency, identity, threading, timeline and search. */
@Timeout(120)
class IngestSpineTest extends HubPerClassTest {

  static String agent;

  @BeforeAll
  static void login() {
    agent = hub.userToken("alice", "agent");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void retriedDeliveryReturnsTheOriginalIdsAndStoresNothingNew() {
    JsonObject body = message("whatsapp", "phone", "+49 151 70000001", "hello once");
    HubFixture.Response first =
        hub.post("/api/v1/interactions", HubFixture.INGEST_TOKEN, body).expect(201);
    HubFixture.Response retry =
        hub.post("/api/v1/interactions", HubFixture.INGEST_TOKEN, body).expect(200);

    assertThat(retry.json().getString("interactionId"))
        .isEqualTo(first.json().getString("interactionId"));
    assertThat(retry.json().getString("customerId"))
        .isEqualTo(first.json().getString("customerId"));
    assertThat(retry.json().getBoolean("duplicate")).isTrue();
    String customer = first.json().getString("customerId");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(hub.timeline(customer, agent)).hasSize(1));
  }

  @Test
  void metricsShowTheLogsGroupCommitsTheIndexLagAndTheTimeToSearchable() {
    double before = metric("hub_log_commit_seconds_count");
    double searchableBefore = metric("hub_index_searchable_delay_seconds_count");
    double refreshesBefore = metric("hub_index_refresh_seconds_count");
    hub.ingest(message("telegram", "telegram", "metrics-" + UUID.randomUUID(), "counted"));

    assertThat(metric("hub_log_commit_seconds_count")).isGreaterThan(before);
    assertThat(metric("hub_log_commit_records_sum")).isGreaterThanOrEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(metric("hub_index_searchable_delay_seconds_count"))
                  .isGreaterThan(searchableBefore);
              assertThat(metric("hub_index_refresh_seconds_count")).isGreaterThan(refreshesBefore);
            });
    String scrape = hub.get("/metrics", null).expect(200).body().toString(StandardCharsets.UTF_8);
    assertThat(scrape)
        .contains("hub_log_commit_seconds_bucket{")
        .contains("hub_index_backlog_records{")
        .contains("hub_index_lag_records{")
        .contains("hub_index_searchable_delay_seconds_bucket{")
        .contains("hub_index_refresh_seconds_bucket{");
  }

  /** The sum of a metric's samples over all its label sets in a scrape. */
  private static double metric(String name) {
    String scrape = hub.get("/metrics", null).expect(200).body().toString(StandardCharsets.UTF_8);
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void phoneNumbersInAnyFormatFindOneCustomer() {
    String customer =
        hub.ingest(message("phone", "phone", "+1 (415) 555-0142", "call")).getString("customerId");
    String again =
        hub.ingest(message("whatsapp", "phone", "001 415 555 0142", "wa")).getString("customerId");
    assertThat(again).isEqualTo(customer);
    for (String format : List.of("+14155550142", "(415) 555-0142", "phone:+1 415-555-0142")) {
      assertThat(
              hub.get("/api/v1/customers?identity=" + enc(format), agent)
                  .expect(200)
                  .json()
                  .getString("customerId"))
          .as(format)
          .isEqualTo(customer);
    }
  }

  @Test
  void emailAddressesAreCaseInsensitive() {
    String customer =
        hub.ingest(email("Bob.Jones@Example.ORG", UUID.randomUUID() + "@mail", "Hi", "hi"))
            .getString("customerId");
    assertThat(
            hub.get("/api/v1/customers?identity=" + enc("bob.jones@example.org"), agent)
                .expect(200)
                .json()
                .getString("customerId"))
        .isEqualTo(customer);
  }

  @Test
  void verifiedLinkMergesAndUnverifiedDoesNot() {
    String byEmail =
        hub.ingest(verified(message("email", "email", "carol@example.net", "mail")))
            .getString("customerId");
    String byPhone =
        hub.ingest(verified(message("whatsapp", "phone", "+44 7700 900123", "wa")))
            .getString("customerId");
    String stranger =
        hub.ingest(message("telegram", "telegram", "998877", "tg")).getString("customerId");
    assertThat(byPhone).isNotEqualTo(byEmail);

    // Unverified: the telegram id claims carol's address, but nobody proved it.
    JsonObject claim = message("telegram", "telegram", "998877", "I am carol");
    claim
        .getJsonArray("identities")
        .add(new JsonObject().put("type", "email").put("value", "carol@example.net"));
    hub.ingest(claim);
    assertThat(
            hub.get("/api/v1/customers/" + stranger, agent)
                .expect(200)
                .json()
                .getString("customerId"))
        .isEqualTo(stranger);

    // Verified on both sides: one customer, one timeline, the old id redirects.
    JsonObject link = verified(message("webchat", "email", "carol@example.net", "linking"));
    link.getJsonArray("identities")
        .add(
            new JsonObject()
                .put("type", "phone")
                .put("value", "+447700900123")
                .put("verified", true));
    String merged = hub.ingest(link).getString("customerId");
    assertThat(merged).isEqualTo(byEmail);
    assertThat(
            hub.get("/api/v1/customers/" + byPhone, agent)
                .expect(200)
                .json()
                .getString("customerId"))
        .isEqualTo(byEmail);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(hub.timeline(byEmail, agent)).hasSize(3));
  }

  @Test
  void mergeAndSplitByApi() {
    String a =
        hub.ingest(message("email", "email", "dora@example.com", "a")).getString("customerId");
    String b =
        hub.ingest(message("phone", "phone", "+33 6 12 34 56 78", "b")).getString("customerId");
    JsonObject merged =
        hub.post(
                "/api/v1/customers/" + a + "/merge",
                agent,
                new JsonObject().put("sourceCustomerId", b))
            .expect(200)
            .json();
    assertThat(merged.getString("customerId")).isEqualTo(a);
    assertThat(merged.getJsonArray("identities")).hasSize(2);
    assertThat(hub.get("/api/v1/customers/" + b, agent).json().getString("customerId"))
        .isEqualTo(a);

    hub.post(
            "/api/v1/customers/" + a + "/split", agent, new JsonObject().put("sourceCustomerId", b))
        .expect(200);
    assertThat(hub.get("/api/v1/customers/" + b, agent).json().getString("customerId"))
        .isEqualTo(b);
  }

  @Test
  void emailRepliesThreadByHeaders() {
    String root = UUID.randomUUID() + "@client.example";
    JsonObject first =
        hub.ingest(email("erin@example.com", "<" + root + ">", "Invoice", "where is it"));
    JsonObject reply =
        email(
                "erin.other@example.com",
                UUID.randomUUID() + "@client.example",
                "Re: Invoice",
                "still waiting")
            .put("inReplyTo", "<" + root + ">")
            .put("references", "<" + root + ">");
    JsonObject second = hub.ingest(reply);
    assertThat(second.getString("conversationId")).isEqualTo(first.getString("conversationId"));
    assertThat(second.getString("customerId")).isEqualTo(first.getString("customerId"));
  }

  @Test
  void channelsContinueOneConversationInsideTheWindowAndANewOneAfter() {
    Instant t0 = Instant.parse("2026-02-01T10:00:00Z");
    String number = "+1 212 555 0199";
    JsonObject mail =
        message("email", "email", "frank@example.com", "question").put("occurredAt", t0.toString());
    mail.getJsonArray("identities").add(new JsonObject().put("type", "phone").put("value", number));
    JsonObject a = hub.ingest(mail);
    JsonObject b =
        hub.ingest(
            message("whatsapp", "phone", number, "same topic")
                .put("occurredAt", t0.plus(Duration.ofHours(5)).toString()));
    JsonObject c =
        hub.ingest(
            message("phone", "phone", number, "calling")
                .put("occurredAt", t0.plus(Duration.ofHours(30)).toString()));
    assertThat(List.of(b.getString("conversationId"), c.getString("conversationId")))
        .containsOnly(a.getString("conversationId"));
    JsonObject conversation =
        hub.get("/api/v1/conversations/" + a.getString("conversationId"), agent).expect(200).json();
    assertThat(conversation.getJsonArray("channels").getList())
        .containsExactlyInAnyOrder("email", "whatsapp", "phone");

    JsonObject late =
        hub.ingest(
            message("webchat", "phone", number, "new topic")
                .put("occurredAt", t0.plus(Duration.ofHours(30 + 73)).toString()));
    assertThat(late.getString("conversationId")).isNotEqualTo(a.getString("conversationId"));
  }

  @Test
  void statusChangesAndAnInboundMessageReopens() {
    JsonObject a = hub.ingest(message("telegram", "telegram", "555111", "help"));
    String conv = a.getString("conversationId");
    hub.post(
            "/api/v1/conversations/" + conv + "/status",
            agent,
            new JsonObject().put("status", "pending"))
        .expect(200);
    assertThat(hub.get("/api/v1/conversations/" + conv, agent).json().getString("status"))
        .isEqualTo("pending");
    JsonObject b = hub.ingest(message("telegram", "telegram", "555111", "still there?"));
    assertThat(b.getString("conversationId")).isEqualTo(conv);
    assertThat(hub.get("/api/v1/conversations/" + conv, agent).json().getString("status"))
        .isEqualTo("open");
  }

  @Test
  void timelinePagesNewestFirstWithoutGapsOrDuplicates() {
    Instant t0 = Instant.parse("2026-04-01T00:00:00Z");
    String customer = null;
    for (int i = 0; i < 37; i++) {
      customer =
          hub.ingest(
                  message("webchat", "visitor", "visitor-timeline", "message " + i)
                      .put("occurredAt", t0.plusSeconds(i).toString()))
              .getString("customerId");
    }
    String id = customer;
    // Acknowledged means searchable within a second: wait for the newest, then page.
    await()
        .atMost(Duration.ofSeconds(2))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        hub.get("/api/v1/customers/" + id + "/timeline?limit=1", agent)
                            .json()
                            .getJsonArray("items")
                            .getJsonObject(0)
                            .getString("text"))
                    .isEqualTo("message 36"));
    List<String> texts = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String q =
          "/api/v1/customers/"
              + id
              + "/timeline?limit=10"
              + (cursor == null ? "" : "&cursor=" + enc(cursor));
      JsonObject page = hub.get(q, agent).expect(200).json();
      page.getJsonArray("items").forEach(o -> texts.add(((JsonObject) o).getString("text")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(texts).hasSize(37).doesNotHaveDuplicates();
    assertThat(texts.get(0)).isEqualTo("message 36");
    assertThat(texts.get(36)).isEqualTo("message 0");
  }

  @Test
  void searchFiltersHighlightsFacetsAndPagesPastTen() {
    String marker = "zebrafinch" + UUID.randomUUID().toString().substring(0, 6);
    String customer = null;
    for (int i = 0; i < 14; i++) {
      String channel = i % 2 == 0 ? "email" : "whatsapp";
      JsonObject m = message(channel, "email", "gina@example.com", "my " + marker + " order " + i);
      m.getJsonArray("identities")
          .add(new JsonObject().put("type", "phone").put("value", "+49 30 1234567"));
      customer = hub.ingest(m).getString("customerId");
    }
    hub.ingest(message("email", "email", "someone.else@example.com", "no match here"));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(hub.get("/api/v1/search?q=" + marker, agent).json().getLong("total"))
                    .isEqualTo(14));
    JsonObject first =
        hub.get("/api/v1/search?q=" + marker + "&limit=10", agent).expect(200).json();
    assertThat(first.getJsonObject("facets").getJsonObject("channel").getLong("email"))
        .isEqualTo(7);
    assertThat(first.getJsonObject("facets").getJsonObject("channel").getLong("whatsapp"))
        .isEqualTo(7);
    assertThat(first.getJsonArray("hits")).hasSize(10);
    assertThat(first.getJsonArray("hits").getJsonObject(0).getString("snippet"))
        .contains("<mark>" + marker + "</mark>");

    Set<String> ids = new HashSet<>();
    first.getJsonArray("hits").forEach(o -> ids.add(((JsonObject) o).getString("interactionId")));
    JsonObject second =
        hub.get(
                "/api/v1/search?q="
                    + marker
                    + "&limit=10&cursor="
                    + enc(first.getString("nextCursor")),
                agent)
            .expect(200)
            .json();
    second.getJsonArray("hits").forEach(o -> ids.add(((JsonObject) o).getString("interactionId")));
    assertThat(second.getJsonArray("hits")).hasSize(4);
    assertThat(ids).hasSize(14);

    JsonObject onlyWhatsapp =
        hub.get("/api/v1/search?q=" + marker + "&channel=whatsapp&sort=time", agent)
            .expect(200)
            .json();
    assertThat(onlyWhatsapp.getLong("total")).isEqualTo(7);
    JsonArray hits = onlyWhatsapp.getJsonArray("hits");
    hits.forEach(o -> assertThat(((JsonObject) o).getString("channel")).isEqualTo("whatsapp"));
    JsonObject byCustomer =
        hub.get("/api/v1/search?q=" + marker + "&customerId=" + customer, agent).expect(200).json();
    assertThat(byCustomer.getLong("total")).isEqualTo(14);
    JsonObject inFuture =
        hub.get(
                "/api/v1/search?q="
                    + marker
                    + "&from="
                    + enc(Instant.now().plusSeconds(3600).toString()),
                agent)
            .expect(200)
            .json();
    assertThat(inFuture.getLong("total")).isZero();
  }

  private static JsonObject verified(JsonObject body) {
    body.getJsonArray("identities").getJsonObject(0).put("verified", true);
    return body;
  }
}
