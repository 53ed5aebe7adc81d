package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.SocialPayloads.textMessage;
import static io.contacthub.hub.e2e.SocialPayloads.whatsappText;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who may post to the social webhooks, against a started hub: Meta's verification handshake, the
 * {@code X-Hub-Signature-256} check on the raw body, Telegram's secret token, the body limit and
 * strict parsing. Every refused request stores nothing.
 */
@Timeout(120)
class SocialWebhookSecurityTest extends SocialHubTest {

  private static String agent;

  @BeforeAll
  static void login() {
    agent = social.hub.userToken("vera", "agent");
  }

  private static JsonObject text(String waId, String id, String body) {
    return whatsappText(waId, "Sheena Nelson", id, Instant.now().getEpochSecond(), body);
  }

  private static void assertProblem(HubFixture.Response r, int status) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.json().getInteger("status")).isEqualTo(status);
  }

  @Test
  void theVerificationHandshakeEchoesTheChallengeOnlyForTheVerifyToken() {
    HubFixture.Response ok =
        social.get(
            "/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token="
                + SocialHub.VERIFY_TOKEN
                + "&hub.challenge=1158201444");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().toString()).isEqualTo("1158201444");

    assertProblem(
        social.get(
            "/channels/messenger/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"),
        403);
    assertProblem(social.get("/channels/instagram/webhook?hub.mode=subscribe"), 400);
  }

  @Test
  void unsignedWronglySignedAndTamperedBodiesAreRefusedAndStoreNothing() {
    JsonObject body = text("4915112340001", "wamid.sec-1", "Please call me back");
    Buffer raw = body.toBuffer();
    String path = "/channels/whatsapp/webhook";

    assertProblem(social.post(path, raw, Map.of()), 401);
    assertProblem(
        social.post(
            path,
            raw,
            Map.of("X-Hub-Signature-256", SocialHub.sign("someone-elses-secret", raw.getBytes()))),
        403);
    Buffer tampered = Buffer.buffer(raw.toString().replace("call me back", "refund me now"));
    assertProblem(
        social.post(
            path,
            tampered,
            Map.of("X-Hub-Signature-256", SocialHub.sign(SocialHub.APP_SECRET, raw.getBytes()))),
        403);
    assertProblem(social.post(path, raw, Map.of("X-Hub-Signature-256", "sha256=not-hex")), 403);

    assertThat(social.customer("phone:+4915112340001", agent)).isNull();
    // The same body, correctly signed, is taken.
    assertThat(social.meta("whatsapp", body).status()).isEqualTo(200);
    assertThat(social.customer("phone:+4915112340001", agent)).isNotNull();
  }

  @Test
  void telegramNeedsItsSecretToken() {
    JsonObject update =
        SocialPayloads.telegramMessage(1, 700001, 1, Instant.now().getEpochSecond(), "hello", null);
    assertProblem(social.post("/channels/telegram/webhook", update.toBuffer(), Map.of()), 401);
    assertProblem(
        social.post(
            "/channels/telegram/webhook",
            update.toBuffer(),
            Map.of("X-Telegram-Bot-Api-Secret-Token", "guess")),
        403);
    assertThat(social.customer("telegram:700001", agent)).isNull();
  }

  @Test
  void anOversizedBodyIs413AndAMalformedOneIs400WithNothingHalfStored() {
    StringBuilder big = new StringBuilder();
    while (big.length() < 70_000) {
      big.append("a very long message ");
    }
    assertProblem(
        social.meta("whatsapp", text("4915112340002", "wamid.big-1", big.toString())), 413);
    assertThat(social.customer("phone:+4915112340002", agent)).isNull();

    // The first message is fine; the second has no id: the whole webhook is refused.
    JsonObject half = text("4915112340003", "wamid.half-1", "first, valid");
    JsonObject second = textMessage("4915112340003", "x", Instant.now().getEpochSecond(), "second");
    second.remove("id");
    half.getJsonArray("entry")
        .getJsonObject(0)
        .getJsonArray("changes")
        .getJsonObject(0)
        .getJsonObject("value")
        .getJsonArray("messages")
        .add(second);
    HubFixture.Response r = social.meta("whatsapp", half);
    assertProblem(r, 400);
    assertThat(r.json().getString("detail"))
        .isEqualTo("entry[0].changes[0].value.messages[1].id is missing");
    assertThat(social.customer("phone:+4915112340003", agent)).isNull();

    assertProblem(
        social.post(
            "/channels/messenger/webhook",
            Buffer.buffer("{not json"),
            Map.of(
                "X-Hub-Signature-256",
                SocialHub.sign(SocialHub.APP_SECRET, "{not json".getBytes()))),
        400);
    assertProblem(
        social.meta("messenger", new JsonObject().put("object", "whatsapp_business_account")), 400);
  }
}
