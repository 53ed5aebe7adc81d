package io.contacthub.hub.api;

import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.auth.User;
import io.contacthub.hub.auth.UserStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/auth/login}: a login and password for an access token. */
final class LoginRoute {

  private final UserStore users;
  private final Tokens tokens;

  private LoginRoute(UserStore users, Tokens tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  static void mount(Endpoints endpoints, UserStore users, Tokens tokens, ApiOptions options) {
    LoginRoute route = new LoginRoute(users, tokens);
    endpoints.mount(
        HttpMethod.POST, "/api/v1/auth/login", "login", options.maxBodyBytes(), null, route::login);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    Responses.json(
        ctx,
        users.authenticate(body.getString("login"), body.getString("password")),
        user -> session(tokens, user));
  }

  /** A fresh access token for {@code user}, as login answers it. */
  static JsonObject session(Tokens tokens, User user) {
    return new JsonObject()
        .put("accessToken", tokens.issue(user))
        .put("tokenType", "Bearer")
        .put("expiresIn", tokens.ttlSeconds())
        .put("user", user.caller().toJson());
  }
}
