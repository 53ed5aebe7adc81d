package io.contacthub.connector.social;

import io.contacthub.connector.ConfigValues;
import io.contacthub.connector.social.outbound.RetryPolicy;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;

/**
 * The validated {@code social} section; built once at start, an invalid value fails the start with
 * the key's name. Secrets come from the environment (see {@code config/hub.yaml}); an empty secret
 * turns the matching webhook off (it refuses every request) or makes replies there fail with a
 * clear reason.
 *
 * @param appSecret the Meta app secret that signs WhatsApp, Messenger and Instagram webhooks
 * @param verifyToken the token Meta echoes in the webhook verification handshake
 * @param graphUrl base URL of the Graph API, without the version
 * @param whatsappWindow how long after a customer's last message free text may be sent
 */
public record SocialConfig(
    long maxBodyBytes,
    String appSecret,
    String verifyToken,
    String graphUrl,
    String graphVersion,
    String whatsappPhoneNumberId,
    String whatsappToken,
    String messengerToken,
    String instagramToken,
    String telegramSecretToken,
    String telegramBotToken,
    String telegramApiUrl,
    RetryPolicy retry,
    Duration whatsappWindow) {

  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
  public static final String DEFAULT_GRAPH_URL = "https://graph.facebook.com";
  public static final String DEFAULT_GRAPH_VERSION = "v23.0";
  public static final String DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org";

  /** WhatsApp's customer-service window; fixed by the platform, configurable for tests only. */
  public static final long DEFAULT_WINDOW_HOURS = 24;

  private static final String PATH = "social";

  public static SocialConfig from(JsonObject c) {
    JsonObject meta = child(c, "meta");
    JsonObject whatsapp = child(c, "whatsapp");
    JsonObject messenger = child(c, "messenger");
    JsonObject instagram = child(c, "instagram");
    JsonObject telegram = child(c, "telegram");
    JsonObject retry = child(c, "retry");
    String messengerToken = ConfigValues.string(messenger, "pageAccessToken", PATH, "");
    long initial =
        ConfigValues.number(
            retry,
            "initialDelayMs",
            PATH + ".retry",
            RetryPolicy.DEFAULT_INITIAL_DELAY_MS,
            1,
            600_000);
    return new SocialConfig(
        ConfigValues.number(c, "maxBodyBytes", PATH, DEFAULT_MAX_BODY_BYTES, 1024, 64L << 20),
        ConfigValues.string(meta, "appSecret", PATH + ".meta", ""),
        ConfigValues.string(meta, "verifyToken", PATH + ".meta", ""),
        url(meta, "graphUrl", PATH + ".meta", DEFAULT_GRAPH_URL),
        ConfigValues.string(meta, "graphVersion", PATH + ".meta", DEFAULT_GRAPH_VERSION),
        ConfigValues.string(whatsapp, "phoneNumberId", PATH + ".whatsapp", ""),
        ConfigValues.string(whatsapp, "accessToken", PATH + ".whatsapp", ""),
        messengerToken,
        // An Instagram professional account linked to the page answers with the page's token.
        ConfigValues.string(instagram, "accessToken", PATH + ".instagram", messengerToken),
        ConfigValues.string(telegram, "secretToken", PATH + ".telegram", ""),
        ConfigValues.string(telegram, "botToken", PATH + ".telegram", ""),
        url(telegram, "apiUrl", PATH + ".telegram", DEFAULT_TELEGRAM_API_URL),
        new RetryPolicy(
            (int)
                ConfigValues.number(
                    retry, "attempts", PATH + ".retry", RetryPolicy.DEFAULT_ATTEMPTS, 1, 10),
            Duration.ofMillis(initial),
            Duration.ofMillis(
                ConfigValues.number(
                    retry,
                    "maxDelayMs",
                    PATH + ".retry",
                    RetryPolicy.DEFAULT_MAX_DELAY_MS,
                    initial,
                    3_600_000)),
            Duration.ofSeconds(
                ConfigValues.number(
                    retry,
                    "maxRetryAfterSeconds",
                    PATH + ".retry",
                    RetryPolicy.DEFAULT_MAX_RETRY_AFTER_SECONDS,
                    0,
                    3600))),
        Duration.ofSeconds(
            ConfigValues.number(
                whatsapp,
                "windowSeconds",
                PATH + ".whatsapp",
                DEFAULT_WINDOW_HOURS * 3600,
                1,
                7L * 24 * 3600)));
  }

  private static JsonObject child(JsonObject c, String key) {
    return c.getValue(key) instanceof JsonObject o ? o : new JsonObject();
  }

  /** An http(s) base URL without a trailing slash. */
  private static String url(JsonObject c, String key, String path, String dflt) {
    String v = ConfigValues.string(c, key, path, dflt);
    URI uri;
    try {
      uri = URI.create(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + key + " is not a URL: " + v);
    }
    if (uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(path + "." + key + " must be an http(s) URL, not " + v);
    }
    return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
  }
}
