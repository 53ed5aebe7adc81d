package io.contacthub.hub.api;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Ingest ({@code POST /api/v1/interactions}, {@code ...:batch}) and reading one interaction. */
final class InteractionRoutes {

  private static final RoleCheck INGEST = RoleCheck.anyOf(Role.SERVICE, Role.ADMIN);

  private final IngestService ingest;
  private final QueryService query;
  private final BatchIngest batch;

  private InteractionRoutes(IngestService ingest, QueryService query, BatchIngest batch) {
    this.ingest = ingest;
    this.query = query;
    this.batch = batch;
  }

  static void mount(
      Endpoints endpoints,
      IngestService ingest,
      QueryService query,
      Contract contract,
      ApiOptions options) {
    InteractionRoutes routes =
        new InteractionRoutes(ingest, query, new BatchIngest(ingest, contract));
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/interactions",
        "ingestInteraction",
        options.maxBodyBytes(),
        INGEST,
        routes::ingestOne);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/interactions:batch",
        "ingestInteractionBatch",
        options.maxBatchBodyBytes(),
        INGEST,
        routes::ingestBatch);
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/interactions/{id}",
        "getInteraction",
        RoleCheck.anyOf(Role.AGENT),
        routes::get);
  }

  private void ingestOne(RoutingContext ctx) {
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    InboundInteraction interaction = InteractionMapper.fromJson(body, htmlAllowed(ctx));
    Future<Accepted> accepted = ingest.ingest(interaction);
    Responses.json(ctx, accepted, a -> a.duplicate() ? 200 : 201, InteractionMapper::toJson);
  }

  private void ingestBatch(RoutingContext ctx) {
    JsonArray items = Contract.validated(ctx).getBody().getJsonObject().getJsonArray("items");
    Future<JsonArray> results = batch.ingest(ctx.vertx(), items, htmlAllowed(ctx));
    Responses.json(ctx, results, r -> new JsonObject().put("results", r));
  }

  private void get(RoutingContext ctx) {
    Future<Interaction> interaction = query.interaction(Params.path(ctx, "id"));
    Responses.json(ctx, interaction, Interaction::toJson);
  }

  private static boolean htmlAllowed(RoutingContext ctx) {
    return AuthHandler.caller(ctx).role() == Role.SERVICE;
  }
}
