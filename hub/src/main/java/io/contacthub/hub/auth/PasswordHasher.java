package io.contacthub.hub.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in the PHC string format ({@code
 * $pbkdf2-sha256$i=<iterations>$<salt>$<hash>}, unpadded base64), so a hash says how it was made
 * and the iteration count can grow without breaking old hashes. Every method is CPU-heavy by
 * design: call it off the event loop.
 */
public final class PasswordHasher {

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int ITERATIONS = 210_000;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "$pbkdf2-sha256$";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();

  /** Hashes with a fresh random salt. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, ITERATIONS, HASH_BYTES);
    return PREFIX
        + "i="
        + ITERATIONS
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /**
   * Whether {@code password} matches {@code phc}; compares in constant time. A malformed hash
   * matches nothing.
   */
  public boolean verify(String password, String phc) {
    if (phc == null || !phc.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = phc.substring(PREFIX.length()).split("\\$");
    if (parts.length != 3 || !parts[0].startsWith("i=")) {
      return false;
    }
    try {
      int rounds = Integer.parseInt(parts[0].substring(2));
      byte[] salt = B64_DECODER.decode(parts[1]);
      byte[] expected = B64_DECODER.decode(parts[2]);
      if (rounds < 1 || expected.length == 0) {
        return false;
      }
      return MessageDigest.isEqual(expected, derive(password, salt, rounds, expected.length));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int rounds, int length) {
    char[] chars = password.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, rounds, length * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}
