package io.contacthub.connector.webchat.token;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact signed tokens: {@code base64url(claims JSON) "." base64url(HMAC-SHA256)}. Claims carry
 * {@code typ} (what the token is for) and {@code exp} (epoch seconds); a token is accepted only
 * with the expected type, an intact signature and an expiry in the future. A small format of our
 * own instead of a JWT library: the connector needs exactly this, nothing of JOSE's negotiation.
 */
public final class Signer {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int MAX_TOKEN_CHARS = 2048;

  private final SecretKeySpec key;
  private final Clock clock;

  public Signer(byte[] key, Clock clock) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a signing key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.clock = clock;
  }

  public String sign(String type, long ttlSeconds, JsonObject claims) {
    JsonObject all =
        claims.copy().put("typ", type).put("exp", clock.instant().getEpochSecond() + ttlSeconds);
    String body = B64.encodeToString(all.encode().getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(mac(body));
  }

  /** The claims of a valid, unexpired token of this type; empty for anything else. */
  public Optional<JsonObject> verify(String type, String token) {
    if (token == null || token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    String body = token.substring(0, dot);
    try {
      byte[] given = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(given, mac(body))) {
        return Optional.empty();
      }
      JsonObject claims = new JsonObject(new String(B64D.decode(body), StandardCharsets.UTF_8));
      if (!type.equals(claims.getString("typ"))
          || claims.getLong("exp", 0L) <= clock.instant().getEpochSecond()) {
        return Optional.empty();
      }
      return Optional.of(claims);
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String body) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
