package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.reply.ConversationSignals;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/conversations/{id}/typing} and {@code .../read}: the agent is typing, the
 * agent has read the customer's messages. Both are answered without a body.
 */
final class ConversationSignalRoutes {

  private static final RoleCheck STAFF = RoleCheck.anyOf(Role.AGENT);

  private final ConversationSignals signals;

  private ConversationSignalRoutes(ConversationSignals signals) {
    this.signals = signals;
  }

  static void mount(Endpoints endpoints, ConversationSignals signals, ApiOptions options) {
    ConversationSignalRoutes routes = new ConversationSignalRoutes(signals);
    endpoints.read(
        HttpMethod.POST, "/api/v1/conversations/{id}/typing", "agentTyping", STAFF, routes::typing);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/conversations/{id}/read",
        "markConversationRead",
        options.maxBodyBytes(),
        STAFF,
        routes::read);
  }

  private void typing(RoutingContext ctx) {
    Caller caller = AuthHandler.caller(ctx);
    end(ctx, signals.typing(Params.path(ctx, "id"), caller.login(), caller.displayName()), 202);
  }

  private void read(RoutingContext ctx) {
    JsonObject body = ctx.body().isEmpty() ? null : ctx.body().asJsonObject();
    String upTo = body == null ? null : body.getString("upTo");
    end(ctx, signals.read(Params.path(ctx, "id"), upTo, AuthHandler.caller(ctx).login()), 204);
  }

  private static void end(RoutingContext ctx, Future<Void> done, int status) {
    done.onSuccess(v -> ctx.response().setStatusCode(status).end()).onFailure(ctx::fail);
  }
}
