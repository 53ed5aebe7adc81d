package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.NewUser;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.auth.User;
import io.contacthub.hub.auth.UserChange;
import io.contacthub.hub.auth.UserStore;
import io.contacthub.hub.routing.RoutingCommand;
import io.contacthub.hub.routing.RoutingService;
import io.contacthub.hub.routing.agents.Presence;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/v1/me} and {@code /api/v1/users}. No answer ever carries a password hash. */
final class UserRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(UserRoutes.class);

  private final UserStore users;
  private final Tokens tokens;
  private final RoutingService routing;

  private UserRoutes(UserStore users, Tokens tokens, RoutingService routing) {
    this.users = users;
    this.tokens = tokens;
    this.routing = routing;
  }

  /**
   * @param routing null when the hub does not route; else a disabled agent is set offline there
   */
  static void mount(
      Endpoints endpoints,
      UserStore users,
      Tokens tokens,
      RoutingService routing,
      ApiOptions options) {
    UserRoutes routes = new UserRoutes(users, tokens, routing);
    endpoints.read(HttpMethod.GET, "/api/v1/me", "getMe", RoleCheck.anyOf(Role.AGENT), routes::me);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/me/password",
        "changeMyPassword",
        options.maxBodyBytes(),
        RoleCheck.anyOf(Role.AGENT),
        routes::changePassword);
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
    endpoints.mount(
        HttpMethod.PATCH,
        "/api/v1/users/{login}",
        "updateUser",
        options.maxBodyBytes(),
        RoleCheck.anyOf(Role.ADMIN),
        routes::update);
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

  private void update(RoutingContext ctx) {
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    UserChange change =
        new UserChange(
            body.getString("displayName"),
            body.containsKey("role")
                ? Role.fromWireName(body.getString("role")).orElseThrow()
                : null,
            clearable(body, "email"),
            clearable(body, "extension"),
            body.getString("password"),
            body.getBoolean("disabled"));
    Future<User> updated = users.update(Params.path(ctx, "login"), change);
    if (Boolean.TRUE.equals(change.disabled()) && routing != null) {
      updated = updated.compose(this::offline);
    }
    Responses.json(ctx, updated, User::toJson);
  }

  /**
   * A disabled agent is offered nothing more: routing sets them offline, which withdraws open
   * offers. Conversations they hold stay theirs until a supervisor transfers them. If routing
   * cannot be reached, the user stays disabled; an offer to them then times out, which sets them
   * away.
   */
  private Future<User> offline(User user) {
    return routing
        .read(e -> e.state().agent(user.login()).isPresent())
        .compose(
            known ->
                known
                    ? routing
                        .execute(new RoutingCommand.SetPresence(user.login(), Presence.OFFLINE))
                        .map(user)
                    : Future.succeededFuture(user))
        .recover(
            e -> {
              LOG.warn(
                  "{} is disabled but routing could not set them offline: {}",
                  user.login(),
                  e.getMessage());
              return Future.succeededFuture(user);
            });
  }

  /** Absent: null (unchanged); null: empty (removed); else the value. */
  private static Optional<String> clearable(JsonObject body, String field) {
    return body.containsKey(field) ? Optional.ofNullable(body.getString(field)) : null;
  }

  /** Answers a new token: the change revoked the one this request came with. */
  private void changePassword(RoutingContext ctx) {
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    Responses.json(
        ctx,
        users.changePassword(
            AuthHandler.caller(ctx).login(),
            body.getString("currentPassword"),
            body.getString("newPassword")),
        user -> LoginRoute.session(tokens, user));
  }
}
