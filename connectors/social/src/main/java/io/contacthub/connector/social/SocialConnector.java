package io.contacthub.connector.social;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.social.inbound.EventIngestor;
import io.contacthub.connector.social.meta.MessagingPayload;
import io.contacthub.connector.social.meta.MetaSignature;
import io.contacthub.connector.social.meta.MetaWebhookEndpoint;
import io.contacthub.connector.social.meta.SendApiSender;
import io.contacthub.connector.social.outbound.DeliveryTracker;
import io.contacthub.connector.social.outbound.PlatformClient;
import io.contacthub.connector.social.telegram.TelegramEndpoint;
import io.contacthub.connector.social.telegram.TelegramSender;
import io.contacthub.connector.social.whatsapp.ServiceWindow;
import io.contacthub.connector.social.whatsapp.WhatsAppPayload;
import io.contacthub.connector.social.whatsapp.WhatsAppSender;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The social channels: WhatsApp (Cloud API), Messenger and Instagram (Meta webhooks and Send API)
 * and Telegram (Bot API). Webhooks in, replies out; it translates only, the hub stores.
 */
public final class SocialConnector implements ChannelConnector {

  private static final Logger LOG = LoggerFactory.getLogger(SocialConnector.class);

  /** Sent messages remembered for out-of-order statuses and Messenger watermarks. */
  static final int TRACKED_MESSAGES = 50_000;

  private final Clock clock;
  private WebClient web;
  private WhatsAppSender whatsapp;
  private SendApiSender messenger;
  private SendApiSender instagram;
  private TelegramSender telegram;

  public SocialConnector(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM, Channel.TELEGRAM);
  }

  @Override
  public Future<Void> start(ConnectorContext ctx) {
    SocialConfig config;
    try {
      config = SocialConfig.from(ctx.config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    warnAboutMissingSecrets(config);
    DeliveryTracker tracker = new DeliveryTracker(TRACKED_MESSAGES);
    ServiceWindow window = new ServiceWindow(ctx, config.whatsappWindow());
    EventIngestor ingestor = new EventIngestor(ctx, tracker, window);
    String graph = config.graphUrl() + "/" + config.graphVersion();
    MetaSignature signature = new MetaSignature(config.appSecret());
    SecretCheck verifyToken = new SecretCheck(config.verifyToken());
    new MetaWebhookEndpoint(
            signature,
            verifyToken,
            config.maxBodyBytes(),
            new WhatsAppPayload(config.whatsappWindow(), graph)::parse,
            ingestor)
        .mount(ctx.router(Channel.WHATSAPP));
    for (Channel c : Set.of(Channel.MESSENGER, Channel.INSTAGRAM)) {
      new MetaWebhookEndpoint(
              signature,
              verifyToken,
              config.maxBodyBytes(),
              new MessagingPayload(c)::parse,
              ingestor)
          .mount(ctx.router(c));
    }
    new TelegramEndpoint(
            new SecretCheck(config.telegramSecretToken()), config.maxBodyBytes(), ingestor)
        .mount(ctx.router(Channel.TELEGRAM));

    web = WebClient.create(ctx.vertx(), new WebClientOptions().setConnectTimeout(10_000));
    PlatformClient client = new PlatformClient(ctx.vertx(), web, config.retry());
    whatsapp =
        new WhatsAppSender(
            client,
            graph,
            config.whatsappPhoneNumberId(),
            config.whatsappToken(),
            window,
            tracker,
            clock);
    messenger =
        new SendApiSender(
            Channel.MESSENGER, client, graph, config.messengerToken(), tracker, clock);
    instagram =
        new SendApiSender(
            Channel.INSTAGRAM, client, graph, config.instagramToken(), tracker, clock);
    telegram = new TelegramSender(client, config.telegramApiUrl(), config.telegramBotToken());
    return Future.succeededFuture();
  }

  private static void warnAboutMissingSecrets(SocialConfig c) {
    if (c.appSecret().isEmpty()) {
      LOG.warn("HUB_META_APP_SECRET is not set: WhatsApp, Messenger and Instagram webhooks refuse");
    }
    if (c.telegramSecretToken().isEmpty()) {
      LOG.warn("HUB_TELEGRAM_SECRET_TOKEN is not set: the Telegram webhook refuses every update");
    }
  }

  @Override
  public Future<Void> stop() {
    if (web != null) {
      web.close();
      web = null;
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<DeliveryReceipt> send(OutboundMessage message) {
    if (whatsapp == null) {
      return Future.failedFuture(new DeliveryException("the connector is not started", true, null));
    }
    if (message.to() == null) {
      return Future.failedFuture(
          new DeliveryException("the message has no recipient", false, null));
    }
    return switch (message.channel()) {
      case WHATSAPP -> whatsapp.send(message);
      case MESSENGER -> messenger.send(message);
      case INSTAGRAM -> instagram.send(message);
      case TELEGRAM -> telegram.send(message);
      default ->
          Future.failedFuture(
              new DeliveryException(
                  "the social connector does not send on " + message.channel().wireName(),
                  false,
                  null));
    };
  }
}
