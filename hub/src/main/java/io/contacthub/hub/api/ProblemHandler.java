package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every failure with {@code application/problem+json}: as the router's failure handler
 * (failed handlers, body limit) and as its error handler (no route: 404, wrong method: 405). Client
 * errors are logged in one line; server errors with their stack trace, and their details stay in
 * the log.
 */
final class ProblemHandler implements Handler<RoutingContext> {

  /** Routes with a body limit keep it here, so a 413 can say what it is. */
  static final String BODY_LIMIT_KEY = "hub.bodyLimit";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Problem problem = withDefaultDetail(Problem.of(ctx.failure(), ctx.statusCode()), ctx);
    log(request, problem, ctx.failure());
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // Too late for a problem document: cut the response short so the client notices.
      response.reset();
      return;
    }
    response.setStatusCode(problem.status());
    response.headers().set(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
    if (problem.status() == 401) {
      response.headers().set("WWW-Authenticate", challenge(request));
    }
    if (problem.retryAfterSeconds() != null) {
      response.headers().set(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
    }
    response.end(problem.toJson().toBuffer());
  }

  private static Problem withDefaultDetail(Problem p, RoutingContext ctx) {
    if (p.detail() != null) {
      return p;
    }
    HttpServerRequest request = ctx.request();
    String detail =
        switch (p.status()) {
          case 404 -> "no resource at " + request.path();
          case 405 -> request.method() + " is not allowed on " + request.path();
          case 413 ->
              ctx.get(BODY_LIMIT_KEY) == null
                  ? "the request body is too large"
                  : "the request body is over the limit of " + ctx.get(BODY_LIMIT_KEY) + " bytes";
          case 415 -> "unsupported content type";
          default -> p.clientFault() ? p.title() : Problem.INTERNAL_DETAIL;
        };
    return new Problem(p.status(), p.title(), detail, p.retryAfterSeconds(), p.clientFault());
  }

  /** RFC 6750: say whether a token was sent and refused, or none was sent. */
  private static String challenge(HttpServerRequest request) {
    String base = "Bearer realm=\"contact-hub\"";
    return AuthHandler.bearerToken(request) == null && request.getParam("access_token") == null
        ? base
        : base + ", error=\"invalid_token\"";
  }

  private static void log(HttpServerRequest request, Problem problem, Throwable failure) {
    if (problem.clientFault()) {
      LOG.info(
          "{} {} -> {} {}", request.method(), request.path(), problem.status(), problem.detail());
    } else if (problem.status() == 503 && failure != null) {
      LOG.warn("{} {} -> 503 {}", request.method(), request.path(), failure.getMessage());
    } else {
      LOG.error("{} {} -> {}", request.method(), request.path(), problem.status(), failure);
    }
  }
}
