package io.contacthub.connector.webchat.token;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The two tokens the widget holds. A visitor token names an anonymous visitor of one site and stays
 * in the browser; a continue token (in a "continue in chat" email link) names a visitor and one of
 * their conversations and lives a few hours. Both are bound to their site: a token of one site is
 * worthless on another.
 */
public final class VisitorTokens {

  static final String VISITOR = "webchat.visitor";
  static final String CONTINUE = "webchat.continue";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Who a continue link is for. */
  public record Continuation(String visitorId, String conversationId) {}

  private final Signer signer;
  private final Duration visitorTtl;
  private final Duration continueTtl;

  public VisitorTokens(Signer signer, Duration visitorTtl, Duration continueTtl) {
    this.signer = signer;
    this.visitorTtl = visitorTtl;
    this.continueTtl = continueTtl;
  }

  /** A fresh, unguessable visitor id. */
  public static String newVisitorId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return "v-" + HexFormat.of().formatHex(b);
  }

  public String visitorToken(String site, String visitorId) {
    return visitorToken(site, visitorId, null);
  }

  /** A visitor token that also vouches for an email address the visitor confirmed (or null). */
  public String visitorToken(String site, String visitorId, String confirmedEmail) {
    JsonObject claims = new JsonObject().put("site", site).put("sub", visitorId);
    if (confirmedEmail != null) {
      claims.put("email", confirmedEmail);
    }
    return signer.sign(VISITOR, visitorTtl.toSeconds(), claims);
  }

  /** The confirmed email address a valid visitor token of this site vouches for, if any. */
  public Optional<String> confirmedEmail(String site, String token) {
    return signer
        .verify(VISITOR, token)
        .filter(c -> site.equals(c.getString("site")))
        .map(c -> c.getString("email"));
  }

  /** The visitor id of a valid visitor token of this site. */
  public Optional<String> visitor(String site, String token) {
    return signer
        .verify(VISITOR, token)
        .filter(c -> site.equals(c.getString("site")))
        .map(c -> c.getString("sub"))
        .filter(id -> id != null && id.startsWith("v-"));
  }

  public String continueToken(String site, String visitorId, String conversationId) {
    return signer.sign(
        CONTINUE,
        continueTtl.toSeconds(),
        new JsonObject().put("site", site).put("sub", visitorId).put("conv", conversationId));
  }

  public Optional<Continuation> continuation(String site, String token) {
    return signer
        .verify(CONTINUE, token)
        .filter(c -> site.equals(c.getString("site")))
        .filter(c -> c.getString("sub") != null && c.getString("conv") != null)
        .map(c -> new Continuation(c.getString("sub"), c.getString("conv")));
  }
}
