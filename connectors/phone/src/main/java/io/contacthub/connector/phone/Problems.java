package io.contacthub.connector.phone;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem responses, the error shape of every hub endpoint. */
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

  /** The failure handler of every phone route: body limits and unexpected errors. */
  public static void failure(RoutingContext rc, org.slf4j.Logger log) {
    int status = rc.statusCode();
    if (status == 413) {
      send(rc, 413, "the request body is too large");
    } else if (status >= 400 && status < 500) {
      send(rc, status, "the request could not be read");
    } else {
      log.error("phone endpoint failed", rc.failure());
      send(rc, 500, "unexpected error");
    }
  }
}
