package io.contacthub.connector.phone.cti;

import io.contacthub.connector.Problems;
import io.contacthub.connector.phone.CallActions;
import io.contacthub.connector.phone.Tokens;
import io.contacthub.connector.phone.call.UnknownCallException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/phone/calls/{callId}/recording} with {@code {"url": ...}}: the phone system
 * tells where a call's recording is kept. The hub keeps the reference, not the audio.
 */
public final class RecordingEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(RecordingEndpoint.class);

  private final Tokens tokens;
  private final CallActions actions;

  public RecordingEndpoint(Tokens tokens, CallActions actions) {
    this.tokens = tokens;
    this.actions = actions;
  }

  public void mount(Router router) {
    String path = "/calls/:callId/recording";
    router.post(path).handler(this::authorize);
    router
        .post(path)
        .handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
        .handler(this::handle)
        .failureHandler(rc -> Problems.failure(rc, LOG));
  }

  private void authorize(RoutingContext rc) {
    if (tokens.bearerAllowed(rc)) {
      rc.next();
    } else {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
      Problems.send(rc, 401, "the CTI token or the ingest token is required as a Bearer token");
    }
  }

  private void handle(RoutingContext rc) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    String url = body == null ? null : body.getString("url");
    String callId = rc.pathParam("callId");
    actions
        .setRecording(callId, null, url)
        .onSuccess(
            call ->
                rc.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("callId", callId).put("call", call).encode()))
        .onFailure(
            e -> {
              if (e instanceof UnknownCallException) {
                Problems.send(rc, 404, e.getMessage());
              } else if (e instanceof IllegalArgumentException) {
                Problems.send(rc, 400, e.getMessage());
              } else {
                LOG.warn("recording of call {} not stored", callId, e);
                rc.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
                Problems.send(rc, 503, "the recording could not be stored now; try again");
              }
            });
  }
}
