package io.contacthub.hub.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.Map;

/** Typed access to the validated parameters of a request. */
final class Params {

  private Params() {}

  static String path(RoutingContext ctx, String name) {
    return string(Contract.validated(ctx).getPathParameters(), name);
  }

  /** A query parameter, or null when absent. */
  static String query(RoutingContext ctx, String name) {
    return string(Contract.validated(ctx).getQuery(), name);
  }

  static int queryInt(RoutingContext ctx, String name, int absent) {
    RequestParameter p = Contract.validated(ctx).getQuery().get(name);
    return p == null || p.isNull() ? absent : p.getInteger();
  }

  /** A repeatable query parameter; empty when absent. */
  static List<String> queryList(RoutingContext ctx, String name) {
    ValidatedRequest request = Contract.validated(ctx);
    RequestParameter p = request.getQuery().get(name);
    if (p == null || p.isNull()) {
      return List.of();
    }
    return p.getJsonArray().stream().map(String::valueOf).toList();
  }

  private static String string(Map<String, RequestParameter> params, String name) {
    RequestParameter p = params.get(name);
    return p == null || p.isNull() ? null : p.getString();
  }
}
