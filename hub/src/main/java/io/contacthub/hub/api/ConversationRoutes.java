package io.contacthub.hub.api;

import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/conversations/{id}}: read it and change its status. */
final class ConversationRoutes {

  private static final RoleCheck STAFF = RoleCheck.anyOf(Role.AGENT);

  private final IngestService ingest;
  private final QueryService query;

  private ConversationRoutes(IngestService ingest, QueryService query) {
    this.ingest = ingest;
    this.query = query;
  }

  static void mount(
      Endpoints endpoints, IngestService ingest, QueryService query, ApiOptions options) {
    ConversationRoutes routes = new ConversationRoutes(ingest, query);
    endpoints.read(
        HttpMethod.GET, "/api/v1/conversations/{id}", "getConversation", STAFF, routes::get);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/conversations/{id}/status",
        "setConversationStatus",
        options.maxBodyBytes(),
        STAFF,
        routes::setStatus);
    endpoints.mount(
        HttpMethod.PATCH,
        "/api/v1/conversations/{id}",
        "patchConversation",
        options.maxBodyBytes(),
        STAFF,
        routes::setStatus);
  }

  private void get(RoutingContext ctx) {
    Responses.json(ctx, query.conversation(Params.path(ctx, "id")), Conversation::toJson);
  }

  private void setStatus(RoutingContext ctx) {
    String wire = Contract.validated(ctx).getBody().getJsonObject().getString("status");
    ConversationStatus status =
        ConversationStatus.fromWireName(wire)
            .orElseThrow(() -> new IllegalArgumentException("status: unknown value " + wire));
    Responses.json(
        ctx, ingest.setConversationStatus(Params.path(ctx, "id"), status), Conversation::toJson);
  }
}
