package io.contacthub.connector.social;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A shared secret a caller presents (Meta's verify token, Telegram's secret token), compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}: constant time, and its length does not leak.
 */
public final class SecretCheck {

  private final byte[] digest;

  public SecretCheck(String secret) {
    this.digest = secret == null || secret.isEmpty() ? null : sha256(secret);
  }

  public boolean configured() {
    return digest != null;
  }

  public boolean matches(String candidate) {
    return digest != null && candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
