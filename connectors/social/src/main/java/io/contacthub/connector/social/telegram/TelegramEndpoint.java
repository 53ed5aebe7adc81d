package io.contacthub.connector.social.telegram;

import io.contacthub.connector.Problems;
import io.contacthub.connector.social.SecretCheck;
import io.contacthub.connector.social.inbound.EventIngestor;
import io.contacthub.connector.social.inbound.WebhookReplies;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/telegram/webhook}: the Bot API's updates, authenticated by the {@code
 * secret_token} given to setWebhook, which Telegram sends as {@code
 * X-Telegram-Bot-Api-Secret-Token}. Missing is 401, wrong is 403.
 */
public final class TelegramEndpoint {

  public static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final Logger LOG = LoggerFactory.getLogger(TelegramEndpoint.class);

  private final SecretCheck secret;
  private final long maxBodyBytes;
  private final TelegramPayload payload = new TelegramPayload();
  private final EventIngestor ingestor;

  public TelegramEndpoint(SecretCheck secret, long maxBodyBytes, EventIngestor ingestor) {
    this.secret = secret;
    this.maxBodyBytes = maxBodyBytes;
    this.ingestor = ingestor;
  }

  public void mount(Router router) {
    router.post("/webhook").handler(this::authorize);
    router
        .post("/webhook")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(rc -> WebhookReplies.handle(rc, payload::parse, ingestor, LOG))
        .failureHandler(rc -> Problems.failure(rc, LOG));
  }

  private void authorize(RoutingContext rc) {
    String given = rc.request().getHeader(HEADER);
    if (!secret.configured()) {
      Problems.send(rc, 403, "the webhook is off: set HUB_TELEGRAM_SECRET_TOKEN");
    } else if (given == null) {
      Problems.send(rc, 401, HEADER + " is missing");
    } else if (!secret.matches(given)) {
      Problems.send(rc, 403, HEADER + " is not this hub's secret token");
    } else {
      rc.next();
    }
  }
}
