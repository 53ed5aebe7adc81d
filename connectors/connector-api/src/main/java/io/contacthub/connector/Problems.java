package io.contacthub.connector;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;

/**
 * RFC 9457 problem responses for connector endpoints, the same error shape as every hub endpoint,
 * so a caller of {@code /channels/...} reads errors the way it reads {@code /api/v1}.
 */
public final class Problems {

  private Problems() {}

  public static void send(RoutingContext rc, int status, String detail) {
    if (rc.response().ended()) {
      return;
    }
    rc.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(
            new JsonObject()
                .put("type", "about:blank")
                .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
                .put("status", status)
                .put("detail", detail)
                .encode());
  }

  /**
   * A failure handler for connector routes: body limits and unreadable requests become client
   * errors, anything else a logged 500 with no internals in the answer.
   */
  public static void failure(RoutingContext rc, Logger log) {
    int status = rc.statusCode();
    if (status == 413) {
      send(rc, 413, "the request body is too large");
    } else if (status >= 400 && status < 500) {
      send(rc, status, "the request could not be read");
    } else {
      log.error("{} {} failed", rc.request().method(), rc.request().path(), rc.failure());
      send(rc, 500, "unexpected error");
    }
  }
}
