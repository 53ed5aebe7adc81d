package io.contacthub.hub.auth;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a request by its {@code Authorization: Bearer} token (a JWT or the ingest token)
 * and keeps the {@link Caller} on the routing context; fails the request with 401 otherwise. A
 * user's token is also checked against the in-memory users ({@link UserStore#callerOf}): refused
 * once the user is disabled or the token revoked, and the caller has the user's current role.
 */
public final class AuthHandler implements Handler<RoutingContext> {

  private static final String CALLER_KEY = "hub.caller";
  private static final String BEARER = "bearer ";
  private static final HubException REVOKED =
      new HubException(401, "Unauthorized", "the token was revoked; log in again");

  private final Tokens tokens;
  private final UserStore users;

  public AuthHandler(Tokens tokens, UserStore users) {
    this.tokens = tokens;
    this.users = users;
  }

  @Override
  public void handle(RoutingContext ctx) {
    authenticate(bearerToken(ctx.request()))
        .onSuccess(
            caller -> {
              ctx.put(CALLER_KEY, caller);
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  /** The caller a bearer token stands for now; fails with 401 otherwise. */
  public Future<Caller> authenticate(String bearerToken) {
    return tokens
        .verify(bearerToken)
        .compose(
            token ->
                token.caller().role().isStaff()
                    ? users
                        .callerOf(token)
                        .map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(REVOKED))
                    : Future.succeededFuture(token.caller()));
  }

  /** The caller this handler authenticated, or null before it ran. */
  public static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER_KEY);
  }

  /** The token of an {@code Authorization: Bearer <token>} header, or null. */
  public static String bearerToken(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }
}
