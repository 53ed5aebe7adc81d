package io.contacthub.connector.webchat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.Peers;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web chat channel: the widget's WebSocket under {@code /channels/webchat/}, visitor tokens,
 * and agents' replies pushed to the visitor's open sockets. A reply to a visitor who is not
 * connected fails with {@link RecipientOfflineException} carrying a "continue in chat" link, so the
 * hub can send it by email instead.
 *
 * <p>In cluster mode a visitor's sockets may be open on other nodes than the agent's: replies,
 * typing and read signals also go to this connector's {@link Peers}, which push them to the sockets
 * they hold. A reply counts as delivered when this node or a peer holds a socket of the visitor.
 */
public final class WebchatConnector implements ChannelConnector {

  private static final Logger LOG = LoggerFactory.getLogger(WebchatConnector.class);

  /**
   * How long a reply waits for a peer to say it holds the visitor's socket before it goes the
   * offline way: a pub/sub round trip takes a millisecond or two, an event loop under load longer.
   */
  public static final Duration PEER_WAIT = Duration.ofSeconds(1);

  private static final DeliveryReceipt DELIVERED =
      new DeliveryReceipt(null, DeliveryReceipt.DeliveryState.DELIVERED, null);

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
    ctx.peers().receive(this::fromPeer);
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
    hub.peers()
        .broadcast(
            new JsonObject()
                .put("kind", "typing")
                .put("conversationId", conversationId)
                .put("agentName", agentName));
  }

  @Override
  public void agentRead(String conversationId, List<String> interactionIds) {
    sessions.showing(conversationId).forEach(ChatSocket::agentRead);
    hub.peers()
        .broadcast(
            new JsonObject()
                .put("kind", "read")
                .put("conversationId", conversationId)
                .put("interactionIds", new JsonArray(List.copyOf(interactionIds))));
  }

  @Override
  public Future<DeliveryReceipt> send(OutboundMessage message) {
    if (message.to() == null || message.to().type() != IdentityType.VISITOR) {
      return Future.failedFuture(
          new DeliveryException("a web chat reply goes to a visitor id", false, null));
    }
    String visitorId = message.to().value();
    JsonObject toPeers =
        new JsonObject()
            .put("kind", "reply")
            .put("visitorId", visitorId)
            .put("conversationId", message.conversationId())
            .put("interactionId", message.interactionId());
    List<ChatSocket> open = sessions.of(visitorId);
    if (!open.isEmpty()) {
      open.forEach(s -> s.replyStored(message.conversationId()));
      // Another tab of the visitor's may be open on another node.
      hub.peers().broadcast(toPeers);
      return Future.succeededFuture(DELIVERED);
    }
    return hub.peers()
        .offer(toPeers, PEER_WAIT)
        .compose(
            heldByPeer ->
                heldByPeer
                    ? Future.succeededFuture(DELIVERED)
                    : visitorLeft(visitorId, message.conversationId()));
  }

  private Future<DeliveryReceipt> visitorLeft(String visitorId, String conversationId) {
    return links
        .link(visitorId, conversationId)
        .otherwiseEmpty()
        .compose(
            link ->
                Future.failedFuture(
                    new RecipientOfflineException(
                        "the visitor has left the chat",
                        link == null ? null : "Continue this conversation in the chat: " + link)));
  }

  /**
   * What another node's connector tells this one: the items it names were stored there, and this
   * node's copy of the log may not show them yet, so the sockets read until they do. Answers
   * whether this node holds a socket the message is for.
   */
  private boolean fromPeer(JsonObject m) {
    String conversationId = m.getString("conversationId");
    String visitorId = m.getString("visitorId");
    return switch (m.getString("kind", "")) {
      case "reply" -> {
        String interactionId = m.getString("interactionId");
        if (visitorId == null || conversationId == null || interactionId == null) {
          yield false;
        }
        List<ChatSocket> open = sessions.of(visitorId);
        open.forEach(s -> s.awaitItems(conversationId, List.of(interactionId)));
        yield !open.isEmpty();
      }
      case "typing" -> {
        String agentName = m.getString("agentName");
        if (conversationId != null) {
          sessions.showing(conversationId).forEach(s -> s.agentTyping(agentName));
        }
        yield false;
      }
      case "read" -> {
        List<String> ids =
            m.getJsonArray("interactionIds", new JsonArray()).stream()
                .map(String::valueOf)
                .toList();
        if (conversationId != null) {
          sessions.showing(conversationId).forEach(s -> s.awaitItems(conversationId, ids));
        }
        yield false;
      }
      case "holds" -> visitorId != null && !sessions.of(visitorId).isEmpty();
      default -> false;
    };
  }
}
