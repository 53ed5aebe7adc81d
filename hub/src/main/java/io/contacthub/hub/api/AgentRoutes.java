package io.contacthub.hub.api;

import io.contacthub.connector.Channel;
import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.auth.UserStore;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.AgentViews;
import io.contacthub.hub.routing.RoutingCommand;
import io.contacthub.hub.routing.RoutingService;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/agents/...}: an agent's own presence and work, every agent for supervisors, and
 * skills and capacity for admins.
 */
final class AgentRoutes {

  private final RoutingService routing;
  private final UserStore users;

  private AgentRoutes(RoutingService routing, UserStore users) {
    this.routing = routing;
    this.users = users;
  }

  static void mount(
      Endpoints endpoints, RoutingService routing, UserStore users, ApiOptions options) {
    AgentRoutes routes = new AgentRoutes(routing, users);
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/agents",
        "listAgents",
        RoleCheck.anyOf(Role.SUPERVISOR),
        routes::list);
    endpoints.read(
        HttpMethod.GET, "/api/v1/agents/me", "getMyWork", RoleCheck.anyOf(Role.AGENT), routes::me);
    endpoints.mount(
        HttpMethod.PUT,
        "/api/v1/agents/me/presence",
        "setMyPresence",
        options.maxBodyBytes(),
        RoleCheck.anyOf(Role.AGENT),
        routes::presence);
    endpoints.mount(
        HttpMethod.PUT,
        "/api/v1/agents/{login}/profile",
        "setAgentProfile",
        options.maxBodyBytes(),
        RoleCheck.anyOf(Role.ADMIN),
        routes::profile);
  }

  private void list(RoutingContext ctx) {
    Responses.json(
        ctx,
        routing.read(
            e -> {
              JsonArray items = new JsonArray();
              e.state().agents().stream()
                  .sorted(Comparator.comparing(Agent::login))
                  .forEach(a -> items.add(AgentViews.agent(e, a)));
              return new JsonObject().put("items", items);
            }),
        j -> j);
  }

  private void me(RoutingContext ctx) {
    Caller caller = AuthHandler.caller(ctx);
    Responses.json(
        ctx,
        routing.read(
            e -> {
              Agent a = e.state().agent(caller.login()).orElse(null);
              JsonArray work = new JsonArray();
              e.state().items().stream()
                  .filter(w -> caller.login().equals(w.agent()))
                  .sorted(Comparator.comparing(WorkItem::enqueuedAt))
                  .forEach(w -> work.add(w.toJson()));
              JsonObject agent =
                  a == null
                      ? new JsonObject()
                          .put("login", caller.login())
                          .put("presence", "offline")
                          .put("queues", AgentViews.queuesServed(e, null))
                      : AgentViews.agent(e, a);
              return agent.put("work", work);
            }),
        j -> j);
  }

  private void presence(RoutingContext ctx) {
    Caller caller = AuthHandler.caller(ctx);
    String wire = Contract.validated(ctx).getBody().getJsonObject().getString("presence");
    Presence p =
        Presence.fromWireName(wire)
            .orElseThrow(() -> HubException.badRequest("presence: unknown value " + wire));
    Responses.json(ctx, routing.execute(new RoutingCommand.SetPresence(caller.login(), p)), j -> j);
  }

  private void profile(RoutingContext ctx) {
    String login = Params.path(ctx, "login");
    if (users.find(login).isEmpty()) {
      ctx.fail(HubException.notFound("no user " + login));
      return;
    }
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    Set<String> skills = new HashSet<>();
    body.getJsonArray("skills", new JsonArray()).forEach(s -> skills.add((String) s));
    Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
    JsonObject cap = body.getJsonObject("capacity", new JsonObject());
    for (String key : cap.fieldNames()) {
      Channel c =
          Channel.fromWireName(key)
              .orElseThrow(() -> HubException.badRequest("capacity: unknown channel " + key));
      capacity.put(c, cap.getInteger(key));
    }
    Responses.json(
        ctx, routing.execute(new RoutingCommand.SetProfile(login, skills, capacity)), j -> j);
  }
}
