package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.RoleCheck;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mounts an API operation with the same handler chain everywhere: body (with its limit),
 * authentication, role check, contract validation, then the operation itself. Routes are added one
 * by one, never as a catch-all, so others can mount more routes on the same router.
 */
final class Endpoints {

  private static final Pattern TEMPLATE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final Router router;
  private final AuthHandler auth;
  private final Contract contract;

  Endpoints(Router router, AuthHandler auth, Contract contract) {
    this.router = router;
    this.auth = auth;
    this.contract = contract;
  }

  /** An operation without a request body. */
  void read(
      HttpMethod method,
      String path,
      String operationId,
      RoleCheck access,
      Handler<RoutingContext> handler) {
    mount(method, path, operationId, 0, access, handler);
  }

  /**
   * Mounts an operation.
   *
   * @param path the OpenAPI path template, e.g. {@code /api/v1/customers/{id}}
   * @param bodyLimit the largest accepted body in bytes, or 0 for an operation without one
   * @param access the roles allowed, or null for a public operation
   */
  void mount(
      HttpMethod method,
      String path,
      String operationId,
      long bodyLimit,
      RoleCheck access,
      Handler<RoutingContext> handler) {
    authenticated(method, path, bodyLimit, access)
        .handler(contract.validate(operationId))
        .handler(handler);
  }

  /**
   * Mounts an ingest operation, whose handler checks the request against the contract itself (media
   * type, JSON, {@link InteractionMapper}): the generic validation cost more CPU than storing the
   * interaction (decision 0018). {@code InteractionContractTest} holds those checks to the
   * contract.
   */
  void mountCheckingItsBody(
      HttpMethod method,
      String path,
      long bodyLimit,
      RoleCheck access,
      Handler<RoutingContext> handler) {
    authenticated(method, path, bodyLimit, access).handler(handler);
  }

  private Route authenticated(HttpMethod method, String path, long bodyLimit, RoleCheck access) {
    Route route = route(method, path);
    if (bodyLimit > 0) {
      // Before anything asynchronous: the body must be read from the start.
      BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit);
      route.handler(
          ctx -> {
            ctx.put(ProblemHandler.BODY_LIMIT_KEY, bodyLimit);
            body.handle(ctx);
          });
    }
    if (access != null) {
      route.handler(auth).handler(access);
    }
    return route;
  }

  /**
   * A Vert.x route for an OpenAPI path; a path with a literal colon (e.g. {@code
   * /api/v1/interactions:batch}) becomes a regular expression, since Vert.x reads {@code :name} as
   * a parameter.
   */
  private Route route(HttpMethod method, String path) {
    if (path.indexOf(':') < 0) {
      return router.route(method, TEMPLATE.matcher(path).replaceAll(":$1"));
    }
    StringBuilder regex = new StringBuilder();
    Matcher m = TEMPLATE.matcher(path);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(path.substring(last, m.start())));
      regex.append("(?<").append(m.group(1)).append(">[^/]+)");
      last = m.end();
    }
    regex.append(Pattern.quote(path.substring(last)));
    return router.routeWithRegex(method, regex.toString());
  }
}
