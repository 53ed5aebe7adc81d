package io.contacthub.connector.webchat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.RecipientOfflineException;
import io.contacthub.connector.webchat.guard.RateLimiter;
import io.contacthub.connector.webchat.session.ChatServices;
import io.contacthub.connector.webchat.session.ChatSocket;
import io.contacthub.connector.webchat.session.Sessions;
import io.contacthub.connector.webchat.session.SocketEndpoint;
import io.contacthub.connector.webchat.token.Signer;
import io.contacthub.connector.webchat.token.VisitorTokens;
import io.contacthub.connector.webchat.verify.EmailCodes;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web chat channel: the widget's WebSocket under {@code /channels/webchat/}, visitor tokens,
 * and agents' replies pushed to the visitor's open sockets. A reply to a visitor who is not
 * connected fails with {@link RecipientOfflineException} carrying a "continue in chat" link, so the
 * hub can send it by email instead.
 */
public final class WebchatConnector implements ChannelConnector {

  private static final Logger LOG = LoggerFactory.getLogger(WebchatConnector.class);

  private final Clock clock;
  private final Sessions sessions = new Sessions();
  private ConnectorContext hub;
  private ContinueLinks links;
  private long sweepTimer = -1;

  public WebchatConnector(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.WEBCHAT);
  }

  @Override
  public Future<Void> start(ConnectorContext ctx) {
    WebchatConfig config;
    try {
      config = WebchatConfig.from(ctx.config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (config.sites().isEmpty()) {
      LOG.info("webchat.sites is empty: the chat widget is refused everywhere until a site is set");
    }
    hub = ctx;
    VisitorTokens tokens =
        new VisitorTokens(
            new Signer(ctx.signingKey(), clock),
            config.visitorTokenTtl(),
            config.continueLinkTtl());
    RateLimiter perVisitor = new RateLimiter(config.visitorPerMinute(), System::nanoTime);
    RateLimiter perIp = new RateLimiter(config.ipPerMinute(), System::nanoTime);
    EmailCodes codes = new EmailCodes(clock);
    sweepTimer =
        ctx.vertx()
            .setPeriodic(
                60_000,
                id -> {
                  perVisitor.sweep();
                  perIp.sweep();
                  codes.sweep();
                });
    links = new ContinueLinks(ctx, config, tokens);
    new SocketEndpoint(
            new ChatServices(ctx, config, tokens, perVisitor, perIp, sessions, codes, clock))
        .mount(ctx.router(Channel.WEBCHAT));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    if (hub != null && sweepTimer >= 0) {
      hub.vertx().cancelTimer(sweepTimer);
    }
    sessions.all().forEach(ChatSocket::drop);
    return Future.succeededFuture();
  }

  /** The open sockets, for tests and metrics. */
  public Sessions sessions() {
    return sessions;
  }

  @Override
  public void agentTyping(String conversationId, String agentName) {
    sessions.showing(conversationId).forEach(s -> s.agentTyping(agentName));
  }

  @Override
  public void agentRead(String conversationId, List<String> interactionIds) {
    sessions.showing(conversationId).forEach(ChatSocket::agentRead);
  }

  @Override
  public Future<DeliveryReceipt> send(OutboundMessage message) {
    if (message.to() == null || message.to().type() != IdentityType.VISITOR) {
      return Future.failedFuture(
          new DeliveryException("a web chat reply goes to a visitor id", false, null));
    }
    String visitorId = message.to().value();
    List<ChatSocket> open = sessions.of(visitorId);
    if (!open.isEmpty()) {
      open.forEach(s -> s.replyStored(message.conversationId()));
      return Future.succeededFuture(
          new DeliveryReceipt(null, DeliveryReceipt.DeliveryState.DELIVERED, null));
    }
    return links
        .link(visitorId, message.conversationId())
        .otherwiseEmpty()
        .compose(
            link ->
                Future.failedFuture(
                    new RecipientOfflineException(
                        "the visitor has left the chat",
                        link == null ? null : "Continue this conversation in the chat: " + link)));
  }
}
