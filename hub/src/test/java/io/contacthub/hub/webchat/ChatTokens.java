package io.contacthub.hub.webchat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints web chat tokens the way the hub does, from the hub secret the test configured: so a test
 * can present a correctly signed but expired token, or one for a conversation that is not the
 * visitor's, and see the hub refuse it for that reason alone.
 */
public final class ChatTokens {

  public static final String JWT_SECRET = "jwt-secret-for-webchat-tests-0123456789";

  private ChatTokens() {}

  public static String sign(JsonObject claims, long expiresAtEpochSecond) {
    byte[] key =
        hmac(
            JWT_SECRET.getBytes(StandardCharsets.UTF_8),
            "contact-hub connector signing key: webchat");
    String body =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims
                    .copy()
                    .put("exp", expiresAtEpochSecond)
                    .encode()
                    .getBytes(StandardCharsets.UTF_8));
    return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, body));
  }

  public static String visitor(String site, String visitorId, Instant expires) {
    return sign(
        new JsonObject().put("typ", "webchat.visitor").put("site", site).put("sub", visitorId),
        expires.getEpochSecond());
  }

  public static String continueLink(
      String site, String visitorId, String conversation, Instant expires) {
    return sign(
        new JsonObject()
            .put("typ", "webchat.continue")
            .put("site", site)
            .put("sub", visitorId)
            .put("conv", conversation),
        expires.getEpochSecond());
  }

  /** What a site's server computes for its logged-in user. */
  public static String identifierHash(String siteSecret, String identifier) {
    return HexFormat.of().formatHex(hmac(siteSecret.getBytes(StandardCharsets.UTF_8), identifier));
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
