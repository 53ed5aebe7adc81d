package io.contacthub.hub.e2e;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;

/**
 * A started hub with the social connector configured against a {@link FakePlatformApi}, and a
 * client that posts webhooks the way the platforms do: Meta's signed with the test app secret,
 * Telegram's with the secret token header.
 */
final class SocialHub implements AutoCloseable {

  static final String APP_SECRET = "test-app-secret";
  static final String VERIFY_TOKEN = "test-verify-token";
  static final String TELEGRAM_SECRET = "test-telegram-secret";
  static final String BOT_TOKEN = "123456:test-bot-token";
  static final String CTI_TOKEN = "test-cti-token";

  final HubFixture hub;
  final FakePlatformApi platform;
  private final io.vertx.core.Vertx platformVertx = io.vertx.core.Vertx.vertx();
  private final WebClient client;

  SocialHub(Path data) {
    this.platform = FakePlatformApi.start(platformVertx);
    Map<String, String> env =
        Map.of(
            "HUB_META_APP_SECRET", APP_SECRET,
            "HUB_META_VERIFY_TOKEN", VERIFY_TOKEN,
            "HUB_TELEGRAM_SECRET_TOKEN", TELEGRAM_SECRET,
            "HUB_META_GRAPH_URL", platform.url(),
            "HUB_TELEGRAM_API_URL", platform.url(),
            "HUB_WHATSAPP_ACCESS_TOKEN", "wa-access-token",
            "HUB_MESSENGER_PAGE_TOKEN", "page-access-token",
            "HUB_TELEGRAM_BOT_TOKEN", BOT_TOKEN,
            "HUB_PHONE_CTI_TOKEN", CTI_TOKEN);
    JsonObject overlay =
        new JsonObject()
            .put(
                "social",
                new JsonObject()
                    .put("maxBodyBytes", 65536)
                    .put(
                        "whatsapp",
                        new JsonObject().put("phoneNumberId", SocialPayloads.PHONE_NUMBER_ID))
                    .put(
                        "retry",
                        new JsonObject().put("initialDelayMs", 50).put("maxDelayMs", 200)));
    this.hub = HubFixture.start(data, env, overlay);
    this.client =
        WebClient.create(
            hub.clientVertx(),
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(hub.port()));
  }

  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** POSTs {@code body} signed with the test app secret. */
  HubFixture.Response meta(String platformName, JsonObject body) {
    Buffer raw = body.toBuffer();
    return post(
        "/channels/" + platformName + "/webhook",
        raw,
        Map.of("X-Hub-Signature-256", sign(APP_SECRET, raw.getBytes())));
  }

  HubFixture.Response telegram(JsonObject update) {
    return post(
        "/channels/telegram/webhook",
        update.toBuffer(),
        Map.of("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET));
  }

  HubFixture.Response post(String path, Buffer body, Map<String, String> headers) {
    HttpRequest<Buffer> req =
        client.request(HttpMethod.POST, path).putHeader("content-type", "application/json");
    headers.forEach(req::putHeader);
    HttpResponse<Buffer> r = HubFixture.await(req.sendBuffer(body));
    return new HubFixture.Response(
        r.statusCode(), r.getHeader("content-type"), r.body() == null ? Buffer.buffer() : r.body());
  }

  HubFixture.Response get(String pathAndQuery) {
    HttpResponse<Buffer> r = HubFixture.await(client.request(HttpMethod.GET, pathAndQuery).send());
    return new HubFixture.Response(
        r.statusCode(), r.getHeader("content-type"), r.body() == null ? Buffer.buffer() : r.body());
  }

  /** The customer holding {@code identity} ({@code type:value}), or null. */
  JsonObject customer(String identity, String token) {
    HubFixture.Response r =
        hub.get(
            "/api/v1/customers?identity="
                + java.net.URLEncoder.encode(identity, StandardCharsets.UTF_8),
            token);
    return r.status() == 404 ? null : r.expect(200).json();
  }

  List<JsonObject> timeline(String customerId, String token) {
    JsonArray items =
        hub.get("/api/v1/customers/" + customerId + "/timeline?limit=50", token)
            .expect(200)
            .json()
            .getJsonArray("items");
    return items.stream().map(o -> (JsonObject) o).toList();
  }

  JsonObject interaction(String id, String token) {
    return hub.get("/api/v1/interactions/" + id, token).expect(200).json();
  }

  /** The delivery of a reply once it has reached {@code state}, waiting up to 15 s for it. */
  JsonObject deliveryOnceIn(String interactionId, String state, String token) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                interaction(interactionId, token).getJsonObject("extras").getJsonObject("delivery"),
            d -> d != null && state.equals(d.getString("state")));
  }

  @Override
  public void close() {
    hub.close();
    platform.close();
    HubFixture.await(platformVertx.close());
  }
}
