package io.contacthub.hub.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a request by its {@code Authorization: Bearer} token (a JWT or the ingest token)
 * and keeps the {@link Caller} on the routing context; fails the request with 401 otherwise.
 */
public final class AuthHandler implements Handler<RoutingContext> {

  private static final String CALLER_KEY = "hub.caller";
  private static final String BEARER = "bearer ";

  private final Tokens tokens;

  public AuthHandler(Tokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    tokens
        .verify(bearerToken(ctx.request()))
        .onSuccess(
            caller -> {
              ctx.put(CALLER_KEY, caller);
              ctx.next();
            })
        .onFailure(ctx::fail);
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
