package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offers end to end on a started hub: CRM data imported, customers writing and calling, offers in
 * the screen-pop and on the stream, eligibility caps and the decline cool-down, answers on the
 * timeline and in the counts.
 */
@Timeout(90)
class OffersTest {

  private static final String CTI_TOKEN = "cti-token-for-offer-tests";
  private static final String RULES =
      """
      offers:
        - id: card-rate-retention
          name: Lower card interest rate
          triggers: [screen_pop]
          text: '"interest rate" OR "interest rates" OR apr'
          customer: {segments: [high], products: [credit_card]}
          eligibility: {maxShows: 3, perDays: 30, declineCooldownDays: 14}
          priority: 100
          expectedValue: 450
          script: You qualify for 9.9% APR for 12 months.
          action: {type: apply_rate, rate: 9.9}
        - id: card-rate-info
          name: Current card rates
          triggers: [screen_pop]
          text: '"interest rate" OR "interest rates" OR apr'
          customer: {products: [credit_card]}
          priority: 10
          script: Our standard rate is 19.9% APR.
        - id: upgrade-capped
          name: Premium upgrade
          triggers: [interaction.created]
          channels: [webchat]
          text: upgrade
          eligibility: {maxShows: 2, perDays: 30}
          priority: 50
          script: Premium is free for 3 months.
        - id: upgrade-cooling
          name: Upgrade call-back
          triggers: [interaction.created]
          text: upgrade
          eligibility: {declineCooldownDays: 7}
          priority: 40
          script: Shall we call you back about it?
        - id: welcome-back
          name: Sorry it is back
          triggers: [conversation.reopened]
          text: again OR still
          script: I am sorry it is back; I will credit you 10 EUR.
        - id: warranty-extension
          name: Extended warranty
          triggers: [interaction.created]
          text: warranty
          script: Two more years for 29 EUR.
        - id: sentinel
          name: Always last
          triggers: [interaction.created]
          text: upgrade
          priority: -1000
          script: (the last card of every message about upgrades)
      """;

  @TempDir static Path data;
  @TempDir static Path configDir;
  static HubFixture hub;

  @BeforeAll
  static void start() throws Exception {
    Path rules = configDir.resolve("offers.yaml");
    Files.writeString(rules, RULES);
    hub =
        HubFixture.start(
            data,
            Map.of(
                "HUB_PHONE_CTI_TOKEN",
                CTI_TOKEN,
                "HUB_OFFERS_RULES_FILE",
                rules.toString(),
                "HUB_OFFERS_WATCH_INTERVAL_MILLIS",
                "0",
                // A screen-pop right after a message must not depend on the index's refresh: the
                // pop's history reads the caller's own writes.
                "HUB_INDEX_REFRESH_MILLIS",
                "1000"));
    // Five card customers: one in five is the top 20% by revenue.
    importJsonLines(
            """
        {"email":"ada@example.com","phone":"+49 30 1111111","revenue":90000,"products":["credit_card"],"accountOwner":"mira","name":"Ada"}
        {"email":"bob@example.com","phone":"+49 30 2222222","revenue":500,"products":["credit_card"]}
        {"email":"c1@example.com","revenue":1000,"products":["credit_card"]}
        {"email":"c2@example.com","revenue":2000}
        {"email":"c3@example.com","revenue":3000,"tags":["vip"]}
        """)
        .expect(200);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static HubFixture.Response importJsonLines(String body) {
    return hub.postRaw(
        "/api/v1/customers/import",
        HubFixture.INGEST_TOKEN,
        "application/x-ndjson",
        Buffer.buffer(body));
  }

  private static JsonObject customer(String email, String token) {
    return hub.get("/api/v1/customers?identity=email:" + email, token).expect(200).json();
  }

  private static List<String> ids(JsonArray offers) {
    return offers.stream().map(o -> ((JsonObject) o).getString("offerId")).toList();
  }

  @Test
  void aHighValueCardCustomerAskingAboutRatesGetsTheRetentionOfferInTheScreenPop()
      throws Exception {
    String agent = hub.userToken("mira", "agent");
    StreamFrames mira = StreamFrames.open(hub, agent);
    hub.ingest(message("webchat", "email", "ada@example.com", "What interest rate do I pay now?"));
    hub.ingest(message("webchat", "email", "bob@example.com", "What are your interest rates?"));
    JsonObject ada = customer("ada@example.com", agent);
    assertThat(ada.getJsonObject("attributes").getString("segment")).isEqualTo("high");
    assertThat(customer("bob@example.com", agent).getJsonObject("attributes").getString("segment"))
        .isEqualTo("standard");

    hub.cti(
            CTI_TOKEN,
            "event=newCall&from=49301111111&to=4930600000&direction=in&callId=rate-1&user%5B%5D=mira")
        .expect(200);
    JsonObject pop = mira.next("screen_pop").getJsonObject("payload");
    assertThat(pop.getString("callId")).isEqualTo("rate-1");
    assertThat(ids(pop.getJsonArray("offers"))).first().isEqualTo("card-rate-retention");
    assertThat(pop.getJsonArray("offers").getJsonObject(0).getString("script"))
        .contains("9.9% APR");
    JsonObject event = mira.nextOffer();
    assertThat(event.getString("offerId")).isEqualTo("card-rate-retention");
    assertThat(event.getString("callId")).isEqualTo("rate-1");
    assertThat(event.getString("customerId")).isEqualTo(ada.getString("customerId"));

    // The low-value card customer asks the same and gets the general card, never the retention.
    hub.cti(
            CTI_TOKEN,
            "event=newCall&from=49302222222&to=4930600000&direction=in&callId=rate-2&user%5B%5D=mira")
        .expect(200);
    JsonObject bobPop =
        mira.next(
                f ->
                    "screen_pop".equals(f.getString("type"))
                        && "rate-2".equals(f.getJsonObject("payload").getString("callId")))
            .getJsonObject("payload");
    assertThat(ids(bobPop.getJsonArray("offers"))).containsExactly("card-rate-info");
  }

  @Test
  void anOfferIsNeverShownOutsideItsConditions() throws Exception {
    String agent = hub.userToken("olaf", "agent");
    StreamFrames olaf = StreamFrames.open(hub, agent);
    // High-value customer c3 has no card; c2 no card either: neither rate card fits.
    importJsonLines("{\"email\":\"c3@example.com\",\"phone\":\"+49 30 3333333\"}\n").expect(200);
    hub.ingest(message("webchat", "email", "c3@example.com", "Your interest rates are too high"));
    hub.cti(
            CTI_TOKEN,
            "event=newCall&from=49303333333&to=4930600000&direction=in&callId=rate-3&user%5B%5D=olaf")
        .expect(200);
    JsonObject pop = olaf.next("screen_pop").getJsonObject("payload");
    assertThat(pop.getJsonArray("offers")).isEmpty();
    // A card customer whose messages never mention rates gets no rate card either.
    hub.ingest(message("webchat", "email", "c1@example.com", "Please send me a new PIN"));
    importJsonLines("{\"email\":\"c1@example.com\",\"phone\":\"+49 30 4444444\"}\n").expect(200);
    hub.cti(
            CTI_TOKEN,
            "event=newCall&from=49304444444&to=4930600000&direction=in&callId=rate-4&user%5B%5D=olaf")
        .expect(200);
    JsonObject pin =
        olaf.next(
                f ->
                    "screen_pop".equals(f.getString("type"))
                        && "rate-4".equals(f.getJsonObject("payload").getString("callId")))
            .getJsonObject("payload");
    assertThat(pin.getJsonArray("offers")).isEmpty();
  }

  @Test
  void capsAndTheDeclineCoolDownHoldAndAnswersAreNotedAndCounted() throws Exception {
    String agent = hub.userToken("nina", "agent");
    StreamFrames nina = StreamFrames.open(hub, agent);
    String dora = "dora@example.com";
    List<List<String>> perMessage = new java.util.ArrayList<>();
    for (int n = 0; n < 3; n++) {
      hub.ingest(message("webchat", "email", dora, "I want to upgrade my plan (" + n + ")"));
      perMessage.add(
          nina.offersUntil(o -> "sentinel".equals(o.getString("offerId"))).stream()
              .map(o -> o.getString("offerId"))
              .toList());
      if (n == 0) {
        String customerId = customer(dora, agent).getString("customerId");
        // A decline needs a reason; then the cool-down starts.
        assertThat(
                hub.post(
                        "/api/v1/offers/upgrade-cooling/decline",
                        agent,
                        new JsonObject().put("customerId", customerId))
                    .status())
            .isEqualTo(400);
        JsonObject declined =
            hub.post(
                    "/api/v1/offers/upgrade-cooling/decline",
                    agent,
                    new JsonObject().put("customerId", customerId).put("reason", "not now"))
                .expect(200)
                .json();
        assertThat(declined.getString("outcome")).isEqualTo("declined");
        hub.post(
                "/api/v1/offers/upgrade-capped/accept",
                agent,
                new JsonObject().put("customerId", customerId))
            .expect(200);
        // An offer never presented to the customer cannot be answered.
        assertThat(
                hub.post(
                        "/api/v1/offers/card-rate-info/accept",
                        agent,
                        new JsonObject().put("customerId", customerId))
                    .status())
            .isEqualTo(409);
        Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () ->
                    assertThat(
                            hub.timeline(customerId, agent).stream()
                                .map(i -> i.getString("text"))
                                .toList())
                        .contains(
                            "Offer declined: Upgrade call-back (reason: not now)",
                            "Offer accepted: Premium upgrade"));
      }
    }
    assertThat(perMessage.get(0)).containsExactly("upgrade-capped", "upgrade-cooling", "sentinel");
    assertThat(perMessage.get(1)).containsExactly("upgrade-capped", "sentinel");
    assertThat(perMessage.get(2)).containsExactly("sentinel");

    JsonObject stats = hub.get("/api/v1/offers/stats", hub.adminToken()).expect(200).json();
    Map<String, JsonObject> byId =
        stats.getJsonArray("items").stream()
            .map(o -> (JsonObject) o)
            .collect(Collectors.toMap(o -> o.getString("offerId"), o -> o));
    assertThat(byId.get("upgrade-capped").getLong("shown")).isEqualTo(2);
    assertThat(byId.get("upgrade-capped").getLong("accepted")).isEqualTo(1);
    assertThat(byId.get("upgrade-capped").getDouble("conversion")).isEqualTo(0.5);
    assertThat(byId.get("upgrade-cooling").getLong("declined")).isEqualTo(1);
    assertThat(hub.get("/metrics", null).body().toString())
        .contains("hub_offers_shown_total{", "offer=\"upgrade-capped\"");
  }

  @Test
  void aCustomerWritingAgainInAPendingConversationTriggersTheReopenedOffer() throws Exception {
    String agent = hub.userToken("rita", "agent");
    StreamFrames rita = StreamFrames.open(hub, agent);
    String conversation =
        hub.ingest(message("webchat", "email", "erin@example.com", "My router is broken"))
            .getString("conversationId");
    hub.post(
            "/api/v1/conversations/" + conversation + "/status",
            agent,
            new JsonObject().put("status", "pending"))
        .expect(200);
    hub.ingest(message("webchat", "email", "erin@example.com", "The router is broken again"));
    JsonObject offer = rita.nextOffer();
    assertThat(offer.getString("offerId")).isEqualTo("welcome-back");
    assertThat(offer.getString("trigger")).isEqualTo("conversation.reopened");
    assertThat(offer.getString("conversationId")).isEqualTo(conversation);
  }

  @Test
  void aConversationsOffersGoToTheAgentRoutingAssignedItToAndNoOtherAgent() throws Exception {
    // GIVEN una, available for chats, and vic, another agent without a routing profile
    String una = hub.userToken("una", "agent");
    String vic = hub.userToken("vic", "agent");
    hub.agentProfile("una", "chat", "webchat", 2);
    hub.presence(una, "available");
    try {
      StreamFrames unaStream = StreamFrames.open(hub, una);
      StreamFrames vicStream = StreamFrames.open(hub, vic);
      String conversation =
          hub.ingest(message("webchat", "email", "uma@example.com", "Hello, a question"))
              .getString("conversationId");
      unaStream.next(
          f ->
              "assignment.offered".equals(f.getString("type"))
                  && conversation.equals(f.getJsonObject("payload").getString("conversationId")));
      hub.post("/api/v1/conversations/" + conversation + "/accept", una, null).expect(200);

      // WHEN the customer writes what a rule matches
      hub.ingest(message("webchat", "email", "uma@example.com", "Is the warranty extendable?"));

      // THEN una gets the offer, for her conversation
      JsonObject offer = unaStream.nextOffer();
      assertThat(offer.getString("offerId")).isEqualTo("warranty-extension");
      assertThat(offer.getString("conversationId")).isEqualTo(conversation);

      // AND vic gets none: a later event to all staff reaches him after any offer sent before it
      String marker =
          hub.ingest(message("webchat", "email", "marker@example.com", "unrelated"))
              .getString("interactionId");
      assertThat(vicStream.offersBefore(marker))
          .noneMatch(o -> conversation.equals(o.getString("conversationId")));
    } finally {
      hub.presence(una, "away"); // later tests' chats are not routed to una
    }
  }

  @Test
  void anAgentCannotReloadRulesAndUnknownOffersAre404() {
    String agent = hub.userToken("pete", "agent");
    assertThat(hub.post("/api/v1/offers/rules/reload", agent, null).status()).isEqualTo(403);
    HubFixture.Response unknown =
        hub.post(
            "/api/v1/offers/no-such-offer/accept", agent, new JsonObject().put("customerId", "x"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
  }
}
