package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.NewUser;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.auth.User;
import io.contacthub.hub.auth.UserStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/me} and {@code /api/v1/users}. No answer ever carries a password hash. */
final class UserRoutes {

  private final UserStore users;

  private UserRoutes(UserStore users) {
    this.users = users;
  }

  static void mount(Endpoints endpoints, UserStore users, ApiOptions options) {
    UserRoutes routes = new UserRoutes(users);
    endpoints.read(HttpMethod.GET, "/api/v1/me", "getMe", RoleCheck.anyOf(Role.AGENT), routes::me);
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/users",
        "listUsers",
        RoleCheck.anyOf(Role.SUPERVISOR),
        routes::list);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/users",
        "createUser",
        options.maxBodyBytes(),
        RoleCheck.anyOf(Role.ADMIN),
        routes::create);
  }

  private void me(RoutingContext ctx) {
    Caller caller = AuthHandler.caller(ctx);
    // The token outlives edits of the user: answer with the stored user when there is one.
    JsonObject me = users.find(caller.login()).map(User::toJson).orElseGet(caller::toJson);
    Responses.json(ctx, Future.succeededFuture(me), json -> json);
  }

  private void list(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    users.list().forEach(u -> items.add(u.toJson()));
    Responses.json(ctx, Future.succeededFuture(new JsonObject().put("items", items)), j -> j);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    NewUser user =
        new NewUser(
            body.getString("login"),
            body.getString("password"),
            body.getString("displayName"),
            Role.fromWireName(body.getString("role")).orElseThrow(),
            body.getString("email"),
            body.getString("extension"));
    Responses.json(ctx, users.create(user), u -> 201, User::toJson);
  }
}
