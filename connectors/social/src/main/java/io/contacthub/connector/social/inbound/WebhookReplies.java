package io.contacthub.connector.social.inbound;

import io.contacthub.connector.IngestRejectedException;
import io.contacthub.connector.Problems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The common tail of every webhook: read the (already authenticated) body as JSON, parse it whole,
 * apply it, and answer 200 once it is durable. Bad input is a 400 naming the field; a refusal by
 * the hub keeps its status; anything temporary is a 503 with {@code Retry-After}, so the platform
 * sends the webhook again (which is safe: duplicates are dropped).
 */
public final class WebhookReplies {

  private WebhookReplies() {}

  public static void handle(
      RoutingContext rc,
      Function<JsonObject, List<SocialEvent>> parser,
      EventIngestor ingestor,
      Logger log) {
    List<SocialEvent> events;
    try {
      events = parser.apply(json(rc));
    } catch (PayloadException e) {
      Problems.send(rc, 400, e.getMessage());
      return;
    }
    Future<Void> applied = ingestor.apply(events);
    applied
        .onSuccess(
            v ->
                rc.response()
                    .setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("events", events.size()).encode()))
        .onFailure(
            e -> {
              if (e instanceof IngestRejectedException r && !r.retryable()) {
                Problems.send(rc, r.status(), r.getMessage());
              } else {
                log.warn("webhook {} not stored", rc.request().path(), e);
                rc.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
                Problems.send(rc, 503, "the update could not be stored now; send it again");
              }
            });
  }

  private static JsonObject json(RoutingContext rc) {
    if (rc.body().length() == 0) {
      throw new PayloadException("the body is empty");
    }
    try {
      Object parsed = rc.body().buffer().toJsonValue();
      if (parsed instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      throw new PayloadException("the body is not JSON");
    }
    throw new PayloadException("the body is not a JSON object");
  }
}
