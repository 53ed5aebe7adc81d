package io.contacthub.connector.email.inbound;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.IngestRejectedException;
import io.contacthub.connector.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/email/inbound}: raw MIME as mail providers' inbound webhooks post it. Same
 * answers as {@code POST /api/v1/interactions}: 201 with the ids, 200 for a re-delivery.
 */
public final class RawMimeEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(RawMimeEndpoint.class);
  private static final String MEDIA_TYPE = "message/rfc822";

  private final ConnectorContext ctx;
  private final InboundPipeline pipeline;
  private final long maxMessageBytes;

  public RawMimeEndpoint(ConnectorContext ctx, InboundPipeline pipeline, long maxMessageBytes) {
    this.ctx = ctx;
    this.pipeline = pipeline;
    this.maxMessageBytes = maxMessageBytes;
  }

  public void mount(Router router) {
    // Auth and media type are checked before the body is read, so a stranger cannot make the
    // hub buffer megabytes. Two routes, since Vert.x runs a body handler before any other on its
    // own route; both checks are synchronous, so no body data passes before the body handler.
    router.post("/inbound").handler(this::authorize).handler(this::checkMediaType);
    router
        .post("/inbound")
        .handler(BodyHandler.create(false).setBodyLimit(maxMessageBytes))
        .handler(this::ingest)
        .failureHandler(this::failure);
  }

  private void authorize(RoutingContext rc) {
    String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    String token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip()
            : null;
    if (token == null || token.isEmpty() || !ctx.verifyIngestToken(token)) {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
      Problems.send(rc, 401, "a valid ingest token is required as Authorization: Bearer <token>");
      return;
    }
    rc.next();
  }

  private void checkMediaType(RoutingContext rc) {
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!base.equals(MEDIA_TYPE)) {
      Problems.send(rc, 415, "the body must be a raw mail, Content-Type: " + MEDIA_TYPE);
      return;
    }
    rc.next();
  }

  private void ingest(RoutingContext rc) {
    byte[] raw = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    if (raw.length == 0) {
      Problems.send(rc, 400, "the body is empty; expected a raw mail");
      return;
    }
    pipeline
        .ingest(raw, "http")
        .onSuccess(accepted -> respond(rc, accepted))
        .onFailure(
            err -> {
              if (err instanceof IngestRejectedException r && !r.retryable()) {
                // Final: retrying the same mail would fail the same way.
                LOG.info("raw mail refused by the hub: {}", r.getMessage());
                Problems.send(rc, r.status(), r.getMessage());
                return;
              }
              // The mail is not acknowledged: the provider retries, and dedupe makes that safe.
              LOG.warn("raw mail not ingested, asking the sender to retry", err);
              rc.response().putHeader(HttpHeaders.RETRY_AFTER, "30");
              Problems.send(rc, 503, "the mail could not be stored now; retry later");
            });
  }

  private static void respond(RoutingContext rc, Accepted a) {
    rc.response()
        .setStatusCode(a.duplicate() ? 200 : 201)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(
            new JsonObject()
                .put("interactionId", a.interactionId())
                .put("customerId", a.customerId())
                .put("conversationId", a.conversationId())
                .put("duplicate", a.duplicate())
                .encode());
  }

  private void failure(RoutingContext rc) {
    int status = rc.statusCode();
    if (status == 413) {
      Problems.send(rc, 413, "the mail is larger than " + maxMessageBytes + " bytes");
    } else if (status >= 400 && status < 500) {
      Problems.send(rc, status, "the request could not be read");
    } else {
      LOG.error("raw mail endpoint failed", rc.failure());
      Problems.send(rc, 500, "unexpected error");
    }
  }
}
