package io.contacthub.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;

/**
 * How callers prove who they are.
 *
 * @param jwtSecret the HS256 key signing access tokens; at least {@value #MIN_SECRET_BYTES} bytes
 * @param tokenTtl how long an access token is valid
 * @param ingestToken the bearer token of integrations (role SERVICE), or null to let only admins
 *     ingest over the API
 */
public record AuthOptions(byte[] jwtSecret, Duration tokenTtl, String ingestToken) {

  /** One shift: agents log in once a day. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(10);

  /** HS256 keys shorter than the hash output weaken the signature (RFC 7518, 3.2). */
  public static final int MIN_SECRET_BYTES = 32;

  /** Shorter ingest tokens could be guessed. */
  public static final int MIN_INGEST_TOKEN_LENGTH = 16;

  public AuthOptions {
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    if (jwtSecret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the JWT secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("the token TTL must be positive");
    }
    if (ingestToken != null && ingestToken.length() < MIN_INGEST_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "the ingest token must have at least " + MIN_INGEST_TOKEN_LENGTH + " characters");
    }
    jwtSecret = jwtSecret.clone();
  }

  @Override
  public byte[] jwtSecret() {
    return jwtSecret.clone();
  }

  /** Whether {@code token} is the ingest token, compared in constant time. */
  public boolean isIngestToken(String token) {
    if (ingestToken == null || token == null) {
      return false;
    }
    return MessageDigest.isEqual(
        ingestToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  /** Never prints the secrets. */
  @Override
  public String toString() {
    return "AuthOptions[tokenTtl=" + tokenTtl + "]";
  }
}
