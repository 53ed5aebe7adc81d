package io.contacthub.connector.social.meta;

import io.contacthub.connector.Problems;
import io.contacthub.connector.social.SecretCheck;
import io.contacthub.connector.social.inbound.EventIngestor;
import io.contacthub.connector.social.inbound.SocialEvent;
import io.contacthub.connector.social.inbound.WebhookReplies;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /channels/{whatsapp|messenger|instagram}/webhook}: Meta's verification handshake ({@code
 * GET} with {@code hub.mode=subscribe}, {@code hub.verify_token}, {@code hub.challenge}) and signed
 * updates ({@code POST} with {@code X-Hub-Signature-256}). A missing signature is 401, a wrong one
 * 403; nothing of an unsigned or malformed body is stored.
 */
public final class MetaWebhookEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(MetaWebhookEndpoint.class);

  private final MetaSignature signature;
  private final SecretCheck verifyToken;
  private final long maxBodyBytes;
  private final Function<JsonObject, List<SocialEvent>> parser;
  private final EventIngestor ingestor;

  public MetaWebhookEndpoint(
      MetaSignature signature,
      SecretCheck verifyToken,
      long maxBodyBytes,
      Function<JsonObject, List<SocialEvent>> parser,
      EventIngestor ingestor) {
    this.signature = signature;
    this.verifyToken = verifyToken;
    this.maxBodyBytes = maxBodyBytes;
    this.parser = parser;
    this.ingestor = ingestor;
  }

  public void mount(Router router) {
    router.get("/webhook").handler(this::verify);
    // The header is checked before the body is read, so a stranger cannot make the hub buffer it.
    router.post("/webhook").handler(this::requireSignatureHeader);
    router
        .post("/webhook")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::receive)
        .failureHandler(rc -> Problems.failure(rc, LOG));
  }

  private void verify(RoutingContext rc) {
    String mode = rc.request().getParam("hub.mode");
    String token = rc.request().getParam("hub.verify_token");
    String challenge = rc.request().getParam("hub.challenge");
    if (!verifyToken.configured()) {
      Problems.send(rc, 403, "verification is off: set HUB_META_VERIFY_TOKEN");
    } else if (!"subscribe".equals(mode) || challenge == null || challenge.isEmpty()) {
      Problems.send(rc, 400, "expected hub.mode=subscribe, hub.verify_token and hub.challenge");
    } else if (!verifyToken.matches(token)) {
      Problems.send(rc, 403, "hub.verify_token is not this hub's verify token");
    } else {
      rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end(challenge);
    }
  }

  private void requireSignatureHeader(RoutingContext rc) {
    if (!signature.configured()) {
      Problems.send(rc, 403, "the webhook is off: set HUB_META_APP_SECRET");
    } else if (rc.request().getHeader(MetaSignature.HEADER) == null) {
      Problems.send(rc, 401, MetaSignature.HEADER + " is missing");
    } else {
      rc.next();
    }
  }

  private void receive(RoutingContext rc) {
    if (!signature.matches(rc.request().getHeader(MetaSignature.HEADER), rc.body().buffer())) {
      Problems.send(rc, 403, MetaSignature.HEADER + " does not match the body");
      return;
    }
    WebhookReplies.handle(rc, parser, ingestor, LOG);
  }
}
