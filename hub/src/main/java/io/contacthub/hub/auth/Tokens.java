package io.contacthub.hub.auth;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Issues access tokens (JWT, HS256: claims {@code sub} = login, {@code role}, {@code name}, {@code
 * ver} = the user's token version, {@code exp}) and turns a bearer token, a JWT or the ingest
 * token, into a {@link VerifiedToken}. Whether the user still accepts the token is checked against
 * the users ({@link AuthHandler}).
 */
public final class Tokens {

  static final String ISSUER = "contact-hub";
  private static final String ALGORITHM = "HS256";
  private static final String VERSION_CLAIM = "ver";

  private final JWTAuth jwt;
  private final AuthOptions options;

  public Tokens(Vertx vertx, AuthOptions options) {
    this.options = options;
    this.jwt =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm(ALGORITHM)
                        .setBuffer(Buffer.buffer(options.jwtSecret())))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
  }

  /** A signed access token for {@code user}. */
  public String issue(User user) {
    return jwt.generateToken(
        new JsonObject()
            .put("role", user.role().wireName())
            .put("name", user.displayName())
            .put(VERSION_CLAIM, user.tokenVersion()),
        new JWTOptions()
            .setAlgorithm(ALGORITHM)
            .setIssuer(ISSUER)
            .setSubject(user.login())
            .setExpiresInSeconds((int) ttlSeconds()));
  }

  public long ttlSeconds() {
    return options.tokenTtl().toSeconds();
  }

  /**
   * What a bearer token says; fails with a 401 {@link HubException} for a missing, malformed,
   * forged or expired token.
   */
  public Future<VerifiedToken> verify(String bearerToken) {
    if (bearerToken == null || bearerToken.isEmpty()) {
      return Future.failedFuture(unauthorized("missing bearer token"));
    }
    if (options.isIngestToken(bearerToken)) {
      return Future.succeededFuture(new VerifiedToken(Caller.SERVICE, 0));
    }
    return jwt.authenticate(new TokenCredentials(bearerToken))
        .recover(e -> Future.failedFuture(unauthorized("invalid or expired token")))
        .compose(
            user -> {
              JsonObject claims = user.principal();
              String login = claims.getString("sub");
              Role role = Role.fromWireName(claims.getString("role")).orElse(null);
              if (login == null
                  || role == null
                  || !role.isStaff()
                  || !(claims.getValue(VERSION_CLAIM, 0L) instanceof Number version)) {
                return Future.failedFuture(unauthorized("invalid token claims"));
              }
              return Future.succeededFuture(
                  new VerifiedToken(
                      new Caller(login, claims.getString("name", login), role),
                      version.longValue()));
            });
  }

  private static HubException unauthorized(String detail) {
    return new HubException(401, "Unauthorized", detail);
  }
}
