package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.SocialPayloads.status;
import static io.contacthub.hub.e2e.SocialPayloads.textMessage;
import static io.contacthub.hub.e2e.SocialPayloads.whatsappStatuses;
import static io.contacthub.hub.e2e.SocialPayloads.whatsappText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WhatsApp through a started hub: customers' messages land on their one timeline (also when they
 * called or emailed before), a retried webhook stores nothing new, agents' replies reach a local
 * fake of the Cloud API in its documented shape, statuses move the reply's delivery state forward
 * only, and the 24-hour window lets only templates through once it has closed.
 */
@Timeout(120)
class WhatsAppChannelTest extends SocialHubTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private static String agent;

  @BeforeAll
  static void login() {
    agent = social.hub.userToken("wanda", "agent");
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static String customerOf(String waId) {
    return await()
        .atMost(WAIT)
        .until(() -> social.customer("phone:+" + waId, agent), c -> c != null)
        .getString("customerId");
  }

  private static List<JsonObject> whatsappItems(String customerId, int expected) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                social.timeline(customerId, agent).stream()
                    .filter(i -> "whatsapp".equals(i.getString("channel")))
                    .toList(),
            items -> items.size() >= expected);
  }

  private static String conversationOf(String customerId) {
    return whatsappItems(customerId, 1).getFirst().getString("conversationId");
  }

  private static JsonObject reply(String conversationId, JsonObject body) {
    return social
        .hub
        .post("/api/v1/conversations/" + conversationId + "/replies", agent, body)
        .expect(202)
        .json();
  }

  @Test
  void aRetriedWebhookStoresNothingNewAndABatchIsOrderedByPlatformTime() {
    long t = now();
    JsonObject body = whatsappText("4917610000001", "Ana", "wamid.idem-1", t - 60, "first");
    assertThat(social.meta("whatsapp", body).status()).isEqualTo(200);
    assertThat(social.meta("whatsapp", body).status()).as("Meta retries").isEqualTo(200);

    // Listed newest first in the payload; the timeline orders them by their own timestamps.
    JsonObject batch = whatsappText("4917610000001", "Ana", "wamid.idem-3", t - 10, "third");
    batch
        .getJsonArray("entry")
        .getJsonObject(0)
        .getJsonArray("changes")
        .getJsonObject(0)
        .getJsonObject("value")
        .getJsonArray("messages")
        .add(textMessage("4917610000001", "wamid.idem-2", t - 30, "second"));
    assertThat(social.meta("whatsapp", batch).status()).isEqualTo(200);
    assertThat(social.meta("whatsapp", batch).status()).isEqualTo(200);

    // A later message: once it is visible, everything stored before it is visible too.
    social
        .meta("whatsapp", whatsappText("4917610000001", "Ana", "wamid.idem-4", t, "fourth"))
        .expect(200);
    String customer = customerOf("4917610000001");
    whatsappItems(customer, 1);
    List<JsonObject> items =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    social.timeline(customer, agent).stream()
                        .filter(i -> "whatsapp".equals(i.getString("channel")))
                        .toList(),
                l -> l.stream().anyMatch(i -> "fourth".equals(i.getString("text"))));
    items = items.subList(1, items.size());
    assertThat(items)
        .extracting(i -> i.getString("text"))
        .containsExactly("third", "second", "first");
    assertThat(items)
        .extracting(i -> i.getString("conversationId"))
        .containsOnly(items.getFirst().getString("conversationId"));
    assertThat(items.getFirst().getJsonArray("identities").getJsonObject(0).getBoolean("verified"))
        .isTrue();
    // What the agent desktop reads before typing: when free text stops being possible.
    assertThat(
            items
                .getFirst()
                .getJsonObject("extras")
                .getJsonObject("whatsapp")
                .getString("windowClosesAt"))
        .isEqualTo(Instant.ofEpochSecond(t - 10).plus(Duration.ofHours(24)).toString());
  }

  @Test
  void aNumberThatCalledOrEmailedIsTheSameCustomerOnWhatsApp() {
    social
        .hub
        .cti(
            SocialHub.CTI_TOKEN,
            "event=newCall&from=16505550101&to=15550783881&direction=in&callId=wa-call-1")
        .expect(200);
    String caller = customerOf("16505550101");
    social
        .meta(
            "whatsapp",
            whatsappText("16505550101", "Carl", "wamid.cross-1", now(), "I called earlier"))
        .expect(200);
    assertThat(whatsappItems(caller, 1).getFirst().getString("text")).isEqualTo("I called earlier");

    JsonObject mail =
        Interactions.message("email", "email", "dora@example.com", "Order 991 is late");
    mail.getJsonArray("identities")
        .add(new JsonObject().put("type", "phone").put("value", "+1 650 555 0102"));
    String emailer = social.hub.ingest(mail).getString("customerId");
    social
        .meta(
            "whatsapp",
            whatsappText("16505550102", "Dora", "wamid.cross-2", now(), "Any news on 991?"))
        .expect(200);
    List<JsonObject> timeline =
        await().atMost(WAIT).until(() -> social.timeline(emailer, agent), l -> l.size() >= 2);
    assertThat(timeline)
        .extracting(i -> i.getString("channel"))
        .containsExactlyInAnyOrder("whatsapp", "email");
  }

  @Test
  void aReplyGoesToTheNumberTheCustomerWroteFromNotTheOneTheyLastCalledFrom() throws Exception {
    JsonObject mail = Interactions.message("email", "email", "eli@example.com", "Two numbers");
    mail.getJsonArray("identities")
        .add(new JsonObject().put("type", "phone").put("value", "+1 650 555 0103"))
        .add(new JsonObject().put("type", "phone").put("value", "+49 176 10000005"));
    String customer = social.hub.ingest(mail).getString("customerId");
    social
        .meta("whatsapp", whatsappText("4917610000005", "Eli", "wamid.in-5", now(), "Mobile here"))
        .expect(200);
    String conversation = conversationOf(customer);
    social
        .hub
        .cti(
            SocialHub.CTI_TOKEN,
            "event=newCall&from=16505550103&to=15550783881&direction=in&callId=wa-call-5")
        .expect(200);
    JsonObject call =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    social.timeline(customer, agent).stream()
                        .filter(i -> "phone".equals(i.getString("channel")))
                        .findFirst()
                        .orElse(null),
                c -> c != null);
    assertThat(call.getString("conversationId"))
        .as("the call joins the open conversation")
        .isEqualTo(conversation);

    reply(
        conversation,
        new JsonObject().put("text", "Answering on WhatsApp").put("channel", "whatsapp"));

    assertThat(social.platform.next(WAIT).json().getString("to")).isEqualTo("4917610000005");
  }

  @Test
  void aReplyGoesOutInTheCloudApiShapeAndStatusesOnlyMoveItForward() throws Exception {
    social
        .meta(
            "whatsapp",
            whatsappText("4917610000002", "Ben", "wamid.in-2", now(), "Is my order shipped?"))
        .expect(200);
    String conversation = conversationOf(customerOf("4917610000002"));

    JsonObject stored = reply(conversation, new JsonObject().put("text", "Yes, it left today."));
    assertThat(stored.getJsonObject("extras").getJsonObject("delivery").getString("state"))
        .isEqualTo("queued");

    FakePlatformApi.Request sent = social.platform.next(WAIT);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/v23.0/" + SocialPayloads.PHONE_NUMBER_ID + "/messages");
    assertThat(sent.headers().get("Authorization")).isEqualTo("Bearer wa-access-token");
    assertThat(sent.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(sent.json())
        .isEqualTo(
            new JsonObject()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", "4917610000002")
                .put("type", "text")
                .put(
                    "text",
                    new JsonObject().put("preview_url", false).put("body", "Yes, it left today.")));
    String id = stored.getString("interactionId");
    String wamid = social.deliveryOnceIn(id, "sent", agent).getString("externalId");
    assertThat(wamid).startsWith("wamid.fake");

    // Read arrives before delivered (listed first, later timestamp): read stays.
    long t = now();
    social
        .meta(
            "whatsapp",
            whatsappStatuses(
                status(wamid, "read", t + 2, "4917610000002"),
                status(wamid, "delivered", t + 1, "4917610000002")))
        .expect(200);
    social
        .meta("whatsapp", whatsappStatuses(status(wamid, "delivered", t + 1, "4917610000002")))
        .expect(200);
    JsonObject delivery = social.deliveryOnceIn(id, "read", agent);
    assertThat(delivery.getString("externalId")).isEqualTo(wamid);
    assertThat(delivery.getString("at")).isEqualTo(Instant.ofEpochSecond(t + 2).toString());
  }

  @Test
  void outsideTheWindowFreeTextIsRefusedWithoutCallingWhatsAppAndATemplateGoesOut()
      throws Exception {
    long twoDaysAgo = now() - 2 * 24 * 3600;
    social
        .meta(
            "whatsapp", whatsappText("4917610000003", "Cleo", "wamid.old-3", twoDaysAgo, "Hello?"))
        .expect(200);
    String conversation = conversationOf(customerOf("4917610000003"));
    int before = social.platform.pending();

    String refused =
        reply(conversation, new JsonObject().put("text", "Sorry for the wait"))
            .getString("interactionId");
    JsonObject failed = social.deliveryOnceIn(refused, "failed", agent);
    assertThat(failed.getString("detail"))
        .contains("24-hour customer-service window closed")
        .contains("template");
    assertThat(failed.getBoolean("retryable")).isFalse();
    assertThat(social.platform.pending()).isEqualTo(before);

    JsonObject template =
        new JsonObject()
            .put("name", "order_update")
            .put("language", "en_US")
            .put(
                "components",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "body")
                            .put(
                                "parameters",
                                new JsonArray()
                                    .add(
                                        new JsonObject().put("type", "text").put("text", "991")))));
    assertThat(
            social
                .hub
                .post("/api/v1/conversations/" + conversation + "/replies", agent, new JsonObject())
                .status())
        .as("neither text nor template")
        .isEqualTo(400);
    JsonObject stored = reply(conversation, new JsonObject().put("template", template));
    assertThat(stored.getString("text")).isEqualTo("[template order_update]");
    FakePlatformApi.Request sent = social.platform.next(WAIT);
    assertThat(sent.json())
        .isEqualTo(
            new JsonObject()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", "4917610000003")
                .put("type", "template")
                .put(
                    "template",
                    new JsonObject()
                        .put("name", "order_update")
                        .put("language", new JsonObject().put("code", "en_US"))
                        .put("components", template.getJsonArray("components"))));
    social.deliveryOnceIn(stored.getString("interactionId"), "sent", agent);
  }

  @Test
  void rateLimitsAndServerErrorsAreRetriedHonouringRetryAfterAndRefusalsAreFinal()
      throws Exception {
    social
        .meta("whatsapp", whatsappText("4917610000004", "Dan", "wamid.in-4", now(), "Ping"))
        .expect(200);
    String conversation = conversationOf(customerOf("4917610000004"));
    social.platform.script(
        new FakePlatformApi.Scripted(
            429,
            Map.of("Retry-After", "1"),
            FakePlatformApi.graphError(429, "(#130429) Rate limit hit").body()),
        FakePlatformApi.graphError(503, "Service temporarily unavailable"));

    String id =
        reply(conversation, new JsonObject().put("text", "Pong")).getString("interactionId");
    FakePlatformApi.Request first = social.platform.next(WAIT);
    FakePlatformApi.Request second = social.platform.next(WAIT);
    FakePlatformApi.Request third = social.platform.next(WAIT);
    assertThat(Duration.ofNanos(second.nanos() - first.nanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(List.of(second.json(), third.json())).containsOnly(first.json());
    social.deliveryOnceIn(id, "sent", agent);

    social.platform.script(
        FakePlatformApi.graphError(400, "(#131030) Recipient phone number not in allowed list"));
    String refused =
        reply(conversation, new JsonObject().put("text", "Pong again")).getString("interactionId");
    JsonObject failed = social.deliveryOnceIn(refused, "failed", agent);
    assertThat(failed.getString("detail")).contains("Recipient phone number not in allowed list");
    assertThat(failed.getBoolean("retryable")).isFalse();
    social.platform.next(WAIT);
    assertThat(social.platform.pending()).as("a refusal is not retried").isZero();
  }
}
