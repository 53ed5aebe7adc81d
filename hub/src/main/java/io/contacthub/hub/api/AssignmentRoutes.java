package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.RoutingCommand;
import io.contacthub.hub.routing.RoutingService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Accept or decline an offered conversation; transfer one to another agent or queue (the agent
 * holding it, or a supervisor).
 */
final class AssignmentRoutes {

  private static final RoleCheck STAFF = RoleCheck.anyOf(Role.AGENT);

  private final RoutingService routing;

  private AssignmentRoutes(RoutingService routing) {
    this.routing = routing;
  }

  static void mount(Endpoints endpoints, RoutingService routing, ApiOptions options) {
    AssignmentRoutes routes = new AssignmentRoutes(routing);
    endpoints.read(
        HttpMethod.POST,
        "/api/v1/conversations/{id}/accept",
        "acceptConversation",
        STAFF,
        routes::accept);
    endpoints.read(
        HttpMethod.POST,
        "/api/v1/conversations/{id}/decline",
        "declineConversation",
        STAFF,
        routes::decline);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/conversations/{id}/transfer",
        "transferConversation",
        options.maxBodyBytes(),
        STAFF,
        routes::transfer);
  }

  private void accept(RoutingContext ctx) {
    String login = AuthHandler.caller(ctx).login();
    String id = Params.path(ctx, "id");
    Responses.json(ctx, routing.execute(new RoutingCommand.AnswerOffer(login, id, true)), j -> j);
  }

  private void decline(RoutingContext ctx) {
    String login = AuthHandler.caller(ctx).login();
    String id = Params.path(ctx, "id");
    Responses.json(ctx, routing.execute(new RoutingCommand.AnswerOffer(login, id, false)), j -> j);
  }

  private void transfer(RoutingContext ctx) {
    Caller caller = AuthHandler.caller(ctx);
    String id = Params.path(ctx, "id");
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    String agent = body.getString("agent");
    String queue = body.getString("queue");
    if ((agent == null) == (queue == null)) {
      ctx.fail(HubException.badRequest("name exactly one of agent and queue"));
      return;
    }
    Responses.json(
        ctx,
        routing.execute(
            new RoutingCommand.Transfer(
                caller.login(), caller.role().includes(Role.SUPERVISOR), id, agent, queue)),
        j -> j);
  }
}
