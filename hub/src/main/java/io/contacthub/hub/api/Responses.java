package io.contacthub.hub.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Sends a service's answer as JSON, or its failure to the problem handler. */
final class Responses {

  private static final String JSON = "application/json";

  private Responses() {}

  static <T> void json(RoutingContext ctx, Future<T> result, Function<T, JsonObject> body) {
    json(ctx, result, value -> 200, body);
  }

  /** Like {@link #json(RoutingContext, Future, Function)}, for an answer already encoded. */
  static <T> void encoded(RoutingContext ctx, Future<T> result, Function<T, Buffer> body) {
    send(ctx, result, value -> 200, body);
  }

  /** Like {@link #json(RoutingContext, Future, Function)}, with a status that depends on it. */
  static <T> void json(
      RoutingContext ctx,
      Future<T> result,
      Function<T, Integer> status,
      Function<T, JsonObject> body) {
    send(ctx, result, status, value -> body.apply(value).toBuffer());
  }

  private static <T> void send(
      RoutingContext ctx, Future<T> result, Function<T, Integer> status, Function<T, Buffer> body) {
    result
        .onSuccess(
            value -> {
              // Mapping can fail too (a service answered with incomplete data): that is a 500.
              try {
                Buffer json = body.apply(value);
                ctx.response()
                    .setStatusCode(status.apply(value))
                    .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(json);
              } catch (RuntimeException e) {
                ctx.fail(e);
              }
            })
        .onFailure(ctx::fail);
  }
}
