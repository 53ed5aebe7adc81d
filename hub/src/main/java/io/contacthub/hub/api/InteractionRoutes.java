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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Ingest ({@code POST /api/v1/interactions}, {@code ...:batch}) and reading one interaction. */
final class InteractionRoutes {

  private static final RoleCheck INGEST = RoleCheck.anyOf(Role.SERVICE, Role.ADMIN);

  /**
   * Single bodies up to this size are checked and mapped on the event loop: a typical one (1-2 KB)
   * takes a few µs, less than a round trip to the worker pool. Larger ones (up to the body limit,
   * milliseconds) go to the worker pool so they do not hold up the loop's other connections.
   */
  static final int INLINE_BODY_BYTES = 64 * 1024;

  private final IngestService ingest;
  private final QueryService query;
  private final BatchIngest batch;

  private InteractionRoutes(IngestService ingest, QueryService query, BatchIngest batch) {
    this.ingest = ingest;
    this.query = query;
    this.batch = batch;
  }

  static void mount(
      Endpoints endpoints, IngestService ingest, QueryService query, ApiOptions options) {
    InteractionRoutes routes = new InteractionRoutes(ingest, query, new BatchIngest(ingest));
    endpoints.mountCheckingItsBody(
        HttpMethod.POST, "/api/v1/interactions", options.maxBodyBytes(), INGEST, routes::ingestOne);
    endpoints.mountCheckingItsBody(
        HttpMethod.POST,
        "/api/v1/interactions:batch",
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
    JsonBodies.requireJsonContentType(ctx);
    Buffer body = ctx.body().buffer();
    boolean htmlAllowed = htmlAllowed(ctx);
    Future<InboundInteraction> interaction =
        body != null && body.length() > INLINE_BODY_BYTES
            ? ctx.vertx().executeBlocking(() -> parse(body, htmlAllowed), false)
            : Future.succeededFuture(parse(body, htmlAllowed));
    Future<Accepted> accepted = interaction.compose(ingest::ingest);
    Responses.json(ctx, accepted, a -> a.duplicate() ? 200 : 201, InteractionMapper::toJson);
  }

  private static InboundInteraction parse(Buffer body, boolean htmlAllowed) {
    return InteractionMapper.fromJson(JsonBodies.object(body), htmlAllowed);
  }

  private void ingestBatch(RoutingContext ctx) {
    JsonBodies.requireJsonContentType(ctx);
    Future<JsonArray> results = batch.ingest(ctx.vertx(), ctx.body().buffer(), htmlAllowed(ctx));
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
