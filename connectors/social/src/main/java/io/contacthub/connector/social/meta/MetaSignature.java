package io.contacthub.connector.social.meta;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed with the app secret>}. Computed over the bytes as received (a re-encoded JSON would not
 * match) and compared in constant time.
 */
public final class MetaSignature {

  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";

  private final SecretKeySpec key;

  public MetaSignature(String appSecret) {
    this.key =
        appSecret == null || appSecret.isEmpty()
            ? null
            : new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public boolean configured() {
    return key != null;
  }

  /** Whether {@code header} is the signature of {@code body}. */
  public boolean matches(String header, Buffer body) {
    if (key == null || header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(body.getBytes()), given);
  }

  /** The header value for {@code body}; tests and tools sign with it. */
  public String header(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(sign(body));
  }

  private byte[] sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
