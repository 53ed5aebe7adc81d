package io.contacthub.connector.phone;

import io.contacthub.connector.ConnectorContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who may call the phone endpoints: the phone system, by the CTI token ({@code phone.ctiToken}),
 * and for the non-CTI routes also the hub's ingest token.
 */
public final class Tokens {

  private final byte[] ctiDigest;
  private final ConnectorContext ctx;

  public Tokens(String ctiToken, ConnectorContext ctx) {
    this.ctiDigest = ctiToken == null || ctiToken.isEmpty() ? null : sha256(ctiToken);
    this.ctx = ctx;
  }

  public boolean ctiConfigured() {
    return ctiDigest != null;
  }

  /**
   * Compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant time, and the length
   * of the token does not leak either.
   */
  public boolean isCtiToken(String candidate) {
    return ctiDigest != null
        && candidate != null
        && MessageDigest.isEqual(ctiDigest, sha256(candidate));
  }

  /** {@code Authorization: Bearer} with the CTI token or the hub's ingest token. */
  public boolean bearerAllowed(RoutingContext rc) {
    String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    String token = header.substring(7).strip();
    return !token.isEmpty() && (isCtiToken(token) || ctx.verifyIngestToken(token));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
