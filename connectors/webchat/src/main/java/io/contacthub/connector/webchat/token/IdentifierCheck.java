package io.contacthub.connector.webchat.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a site's proof that its logged-in user is {@code identifier}: {@code identifier_hash} =
 * hex HMAC-SHA256(site secret, identifier), computed by the site's server, where the secret lives.
 */
public final class IdentifierCheck {

  private IdentifierCheck() {}

  public static boolean verify(String siteSecret, String identifier, String identifierHash) {
    if (siteSecret == null
        || siteSecret.isBlank()
        || identifier == null
        || identifierHash == null
        || identifier.isBlank()) {
      return false;
    }
    byte[] expected =
        HexFormat.of().formatHex(hash(siteSecret, identifier)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = identifierHash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given);
  }

  public static byte[] hash(String siteSecret, String identifier) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(siteSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
