package io.contacthub.connector.email.inbound;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem responses, the error shape of every hub endpoint. */
final class Problems {

  private Problems() {}

  static void send(RoutingContext rc, int status, String detail) {
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
}
