package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.calls.CallNotes;
import io.contacthub.hub.events.ConversationRoster;
import io.contacthub.hub.stream.StreamEndpoint;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The hub's HTTP API: {@code /api/v1} (validated against {@code docs/openapi.yaml}), the live
 * stream, health and metrics. More routes can be mounted on the returned router afterwards (the
 * channel connectors under {@code /channels}, the agent UI at {@code /}): it has no catch-all
 * route, only failure and error handlers that answer {@code application/problem+json}.
 */
public final class HttpApi {

  /** Statuses the router itself produces when nothing handled a request. */
  private static final int[] ROUTER_ERRORS = {400, 404, 405, 406, 413, 415, 500};

  private HttpApi() {}

  /**
   * Makes a router answer its own errors (no route, wrong method, body too large) and failures with
   * problem+json. The hub's root router needs it too: a request no sub-router handled (an unknown
   * {@code /api/...} path) ends there.
   */
  public static void answerErrorsWithProblems(Router router) {
    ProblemHandler problems = new ProblemHandler();
    router.route().failureHandler(problems);
    for (int status : ROUTER_ERRORS) {
      router.errorHandler(status, problems);
    }
  }

  public static Router router(Vertx vertx, ApiDependencies deps) {
    Router router = Router.router(vertx);
    answerErrorsWithProblems(router);

    HealthRoutes.mount(router, deps.readiness(), deps.metrics());
    Tokens tokens = new Tokens(vertx, deps.auth());
    AuthHandler auth = new AuthHandler(tokens, deps.users());
    ConversationRoster roster =
        deps.routing() == null ? ConversationRoster.NONE : deps.routing().view();
    StreamEndpoint stream =
        new StreamEndpoint(
            vertx,
            auth,
            deps.options().streamHeartbeat(),
            deps.metrics(),
            roster,
            deps.streamHistory());
    deps.users().onTokensRevoked(stream::closeSessionsOf);
    router.get(StreamEndpoint.PATH).handler(stream);

    Contract contract = Contract.load(vertx);
    Endpoints endpoints = new Endpoints(router, auth, contract);
    ApiOptions options = deps.options();
    LoginRoute.mount(endpoints, deps.users(), tokens, options);
    UserRoutes.mount(endpoints, deps.users(), tokens, deps.routing(), options);
    InteractionRoutes.mount(endpoints, deps.ingest(), deps.query(), options);
    CustomerRoutes.mount(endpoints, deps.ingest(), deps.query(), options);
    ConversationRoutes.mount(endpoints, deps.ingest(), deps.query(), options);
    InboxRoute.mount(endpoints, deps.query(), roster);
    ReplyRoute.mount(endpoints, deps.replies(), options);
    CallNotesRoute.mount(
        endpoints, new CallNotes(deps.ingest(), deps.query(), deps.callDispositions()), options);
    AttachmentRoute.mount(endpoints, vertx, deps.attachments());
    SearchRoute.mount(endpoints, deps.query());
    if (deps.offers() != null) {
      OfferRoutes.mount(endpoints, deps.offers(), options);
    }
    if (deps.cannedResponses() != null) {
      CannedResponseRoute.mount(endpoints, deps.cannedResponses());
    }
    if (deps.signals() != null) {
      ConversationSignalRoutes.mount(endpoints, deps.signals(), options);
    }
    if (deps.customerImport() != null) {
      CustomerImportRoute.mount(endpoints, deps.customerImport());
    }
    if (deps.routing() != null) {
      QueueRoutes.mount(endpoints, deps.routing());
      AgentRoutes.mount(endpoints, deps.routing(), deps.users(), options);
      AssignmentRoutes.mount(endpoints, deps.routing(), options);
    }
    return router;
  }
}
