package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.SocialPayloads.messaging;
import static io.contacthub.hub.e2e.SocialPayloads.telegramMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messenger, Instagram and Telegram through a started hub: messages in, edits, replies out to local
 * fakes of the Send API and the Bot API in their documented shapes, read receipts and Telegram's
 * own rate-limit answer.
 */
@Timeout(120)
class MessengerAndTelegramChannelTest extends SocialHubTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private static String agent;

  @BeforeAll
  static void login() {
    agent = social.hub.userToken("milo", "agent");
  }

  private static List<JsonObject> timeline(String identity, int atLeast) {
    String customer =
        await()
            .atMost(WAIT)
            .until(() -> social.customer(identity, agent), c -> c != null)
            .getString("customerId");
    return await()
        .atMost(WAIT)
        .until(() -> social.timeline(customer, agent), l -> l.size() >= atLeast);
  }

  private static String reply(String conversationId, String text) {
    return social
        .hub
        .reply(conversationId, agent, text)
        .expect(202)
        .json()
        .getString("interactionId");
  }

  @Test
  void messengerRepliesThroughTheSendApiAndAReadWatermarkMarksThem() throws Exception {
    long ms = Instant.now().toEpochMilli();
    social
        .meta(
            "messenger",
            messaging(
                "page",
                "3845672920139485",
                ms,
                "message",
                new JsonObject().put("mid", "m_in_1").put("text", "hello, world!")))
        .expect(200);
    JsonObject in = timeline("messenger:3845672920139485", 1).getFirst();
    assertThat(in.getString("text")).isEqualTo("hello, world!");

    String id = reply(in.getString("conversationId"), "Hi! How can we help?");
    FakePlatformApi.Request sent = social.platform.next(WAIT);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/v23.0/me/messages");
    assertThat(sent.headers().get("Authorization")).isEqualTo("Bearer page-access-token");
    assertThat(sent.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(sent.json())
        .isEqualTo(
            new JsonObject()
                .put("recipient", new JsonObject().put("id", "3845672920139485"))
                .put("messaging_type", "RESPONSE")
                .put("message", new JsonObject().put("text", "Hi! How can we help?")));
    assertThat(social.deliveryOnceIn(id, "sent", agent).getString("externalId"))
        .startsWith("m_fake");

    long watermark = Instant.now().plusSeconds(1).toEpochMilli();
    social
        .meta(
            "messenger",
            messaging(
                "page",
                "3845672920139485",
                watermark + 10,
                "read",
                new JsonObject().put("watermark", watermark)))
        .expect(200);
    social.deliveryOnceIn(id, "read", agent);
  }

  @Test
  void instagramMessagesAndRepliesUseTheInstagramIdentity() throws Exception {
    long ms = Instant.now().toEpochMilli();
    social
        .meta(
            "instagram",
            messaging(
                "instagram",
                "17841400000000001",
                ms,
                "message",
                new JsonObject()
                    .put("mid", "aWdfZAG1faXRlbToxOklH")
                    .put("text", "Do you ship to Oslo?")))
        .expect(200);
    JsonObject in = timeline("instagram:17841400000000001", 1).getFirst();
    assertThat(in.getString("channel")).isEqualTo("instagram");

    reply(in.getString("conversationId"), "We do.");
    FakePlatformApi.Request sent = social.platform.next(WAIT);
    assertThat(sent.path()).isEqualTo("/v23.0/me/messages");
    assertThat(sent.json().getJsonObject("recipient").getString("id"))
        .isEqualTo("17841400000000001");
  }

  @Test
  void telegramMessagesAreEditedInPlaceAndRepliesRetryOnItsRateLimit() throws Exception {
    long date = Instant.now().getEpochSecond() - 30;
    social
        .telegram(telegramMessage(9001, 4242001, 77, date, "My parcel has not arrived", null))
        .expect(200);
    social
        .telegram(telegramMessage(9001, 4242001, 77, date, "My parcel has not arrived", null))
        .expect(200);
    social
        .telegram(
            telegramMessage(9002, 4242001, 77, date, "My parcel 4711 has not arrived", date + 20))
        .expect(200);

    List<JsonObject> items =
        await()
            .atMost(WAIT)
            .until(
                () -> timeline("telegram:4242001", 1),
                l -> "My parcel 4711 has not arrived".equals(l.getFirst().getString("text")));
    assertThat(items).hasSize(1);
    assertThat(items.getFirst().getString("externalId")).isEqualTo("4242001:77");
    assertThat(
            items
                .getFirst()
                .getJsonObject("extras")
                .getJsonObject("telegram")
                .getString("editedAt"))
        .isEqualTo(Instant.ofEpochSecond(date + 20).toString());

    social.platform.script(
        new FakePlatformApi.Scripted(
            429,
            Map.of(),
            new JsonObject()
                .put("ok", false)
                .put("error_code", 429)
                .put("description", "Too Many Requests: retry after 1")
                .put("parameters", new JsonObject().put("retry_after", 1))));
    String id = reply(items.getFirst().getString("conversationId"), "Let me check 4711.");
    FakePlatformApi.Request first = social.platform.next(WAIT);
    FakePlatformApi.Request second = social.platform.next(WAIT);
    assertThat(first.path()).isEqualTo("/bot" + SocialHub.BOT_TOKEN + "/sendMessage");
    assertThat(first.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(first.headers().get("Authorization")).isNull();
    assertThat(first.json())
        .isEqualTo(new JsonObject().put("chat_id", 4242001L).put("text", "Let me check 4711."));
    assertThat(second.json()).isEqualTo(first.json());
    assertThat(Duration.ofNanos(second.nanos() - first.nanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(social.deliveryOnceIn(id, "sent", agent).getString("externalId"))
        .startsWith("4242001:");
  }

  @Test
  void aGroupChatIsAcknowledgedButNotStored() {
    JsonObject group =
        telegramMessage(9100, 4242002, 5, Instant.now().getEpochSecond(), "hi all", null);
    group
        .getJsonObject("message")
        .getJsonObject("chat")
        .put("id", -1001234567890L)
        .put("type", "supergroup");
    assertThat(social.telegram(group).expect(200).json().getInteger("events")).isZero();
    assertThat(social.customer("telegram:4242002", agent)).isNull();
  }
}
