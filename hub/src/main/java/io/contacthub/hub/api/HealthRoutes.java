package io.contacthub.hub.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}, without authentication: probes
 * and scrapers hold no token. They reveal nothing about customers.
 */
final class HealthRoutes {

  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON = "application/json";
  private static final String UP = "UP";

  private final Supplier<Future<JsonObject>> readiness;
  private final PrometheusMeterRegistry metrics;

  private HealthRoutes(Supplier<Future<JsonObject>> readiness, PrometheusMeterRegistry metrics) {
    this.readiness = readiness;
    this.metrics = metrics;
  }

  static void mount(
      Router router, Supplier<Future<JsonObject>> readiness, PrometheusMeterRegistry metrics) {
    HealthRoutes routes = new HealthRoutes(readiness, metrics);
    router.get("/health/live").handler(routes::live);
    router.get("/health/ready").handler(routes::ready);
    router.get("/metrics").handler(routes::metrics);
  }

  private void live(RoutingContext ctx) {
    send(ctx, 200, new JsonObject().put("status", UP));
  }

  private void ready(RoutingContext ctx) {
    Future<JsonObject> check;
    try {
      check = readiness.get();
    } catch (RuntimeException e) {
      check = Future.failedFuture(e);
    }
    check.onComplete(
        (body, failure) -> {
          if (failure != null) {
            send(
                ctx,
                503,
                new JsonObject().put("status", "DOWN").put("detail", failure.getMessage()));
            return;
          }
          JsonObject json = body == null ? new JsonObject() : body.copy();
          String status = json.getString("status", UP);
          send(ctx, UP.equals(status) ? 200 : 503, json.put("status", status));
        });
  }

  private void metrics(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE)
        .end(metrics.scrape());
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.toBuffer());
  }
}
