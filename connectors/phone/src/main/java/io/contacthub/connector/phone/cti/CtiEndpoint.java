package io.contacthub.connector.phone.cti;

import io.contacthub.connector.Problems;
import io.contacthub.connector.phone.Tokens;
import io.contacthub.connector.phone.call.CallEvent;
import io.contacthub.connector.phone.call.CallTracker;
import io.contacthub.connector.phone.call.CallTracker.Outcome;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/phone/cti/{token}}: the generic CTI webhook, so PBX scripts written for
 * Zammad's CTI API work unchanged. Answers {@code {}} once the call's new state is durable; a
 * request that cannot be applied gets a problem+json naming why.
 */
public final class CtiEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(CtiEndpoint.class);
  private static final long MAX_BODY_BYTES = 64 * 1024;

  private final Tokens tokens;
  private final CallTracker tracker;
  private final Clock clock;

  public CtiEndpoint(Tokens tokens, CallTracker tracker, Clock clock) {
    this.tokens = tokens;
    this.tracker = tracker;
    this.clock = clock;
  }

  public void mount(Router router) {
    // The token is checked before the body is read, so a stranger cannot make the hub buffer it;
    // two routes because a body handler runs before any other handler on its own route.
    router.post("/cti/:token").handler(this::authorize);
    router
        .post("/cti/:token")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(this::handle)
        .failureHandler(rc -> Problems.failure(rc, LOG));
  }

  private void authorize(RoutingContext rc) {
    if (!tokens.ctiConfigured()) {
      Problems.send(rc, 403, "the CTI endpoint is off: set phone.ctiToken (HUB_PHONE_CTI_TOKEN)");
    } else if (!tokens.isCtiToken(rc.pathParam("token"))) {
      Problems.send(rc, 403, "the token in the URL is not the CTI token");
    } else {
      rc.next();
    }
  }

  private void handle(RoutingContext rc) {
    CallEvent event;
    try {
      event = read(rc);
    } catch (CtiPayloadException e) {
      Problems.send(rc, 400, e.getMessage());
      return;
    }
    if (event == null) {
      return;
    }
    tracker
        .handle(event)
        .onSuccess(outcome -> respond(rc, event, outcome))
        .onFailure(
            err -> {
              // Not acknowledged: the phone system may send the event again, which is safe.
              LOG.warn("call event {} {} not stored", event.type(), event.callId(), err);
              rc.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
              Problems.send(rc, 503, "the call could not be stored now; send the event again");
            });
  }

  /** The event, or null when a response was already sent. */
  private CallEvent read(RoutingContext rc) {
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    switch (base) {
      case "application/json" -> {
        JsonObject json;
        try {
          json = rc.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
          throw new CtiPayloadException("the body is not a JSON object");
        }
        if (json == null) {
          throw new CtiPayloadException("the body is empty");
        }
        return CtiPayload.fromJson(json, clock.instant());
      }
      case "application/x-www-form-urlencoded", "multipart/form-data" -> {
        return CtiPayload.fromForm(rc.request().formAttributes(), clock.instant());
      }
      default -> {
        Problems.send(
            rc,
            415,
            "send the event as application/x-www-form-urlencoded, multipart/form-data or"
                + " application/json");
        return null;
      }
    }
  }

  private static void respond(RoutingContext rc, CallEvent event, Outcome outcome) {
    JsonObject body = new JsonObject();
    if (outcome == Outcome.RECONSTRUCTED) {
      // Still a success for the phone system: the call is on the timeline from what is known.
      body.put(
          "warning",
          "call "
              + event.callId()
              + " was not seen ringing; it is recorded from this "
              + (event.type() == CallEvent.Type.ANSWER ? "answer" : "hangup")
              + " alone");
    }
    rc.response()
        .setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
