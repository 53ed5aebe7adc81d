package io.contacthub.hub.channels;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.IngestRejectedException;
import io.contacthub.connector.InteractionKind;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.connector.LiveEvent;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.Peers;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.User;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.LiveEventEnricher;
import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** What one connector sees of the hub. */
final class HubConnectorContext implements ConnectorContext {

  private final ConnectorRegistry.HubSide hub;
  private final Map<Channel, Router> routers;
  private final JsonObject config;
  private final Path dataDir;
  private final byte[] signingKey;
  private final Function<Channel, Optional<ChannelConnector>> connectors;
  private final Peers peers;
  private Future<Void> published = Future.succeededFuture();

  /**
   * The hub's services for one connector, with that connector's own routers, data dir and key.
   *
   * @param config the connector's section of the hub's config
   * @param signingKey the connector's own key, derived from the hub's secret
   */
  HubConnectorContext(
      ConnectorRegistry.HubSide hub,
      Map<Channel, Router> routers,
      JsonObject config,
      Path dataDir,
      byte[] signingKey,
      Function<Channel, Optional<ChannelConnector>> connectors,
      Peers peers) {
    this.hub = hub;
    this.routers = routers;
    this.config = config;
    this.dataDir = dataDir;
    this.signingKey = signingKey.clone();
    this.connectors = connectors;
    this.peers = peers;
  }

  @Override
  public Vertx vertx() {
    return hub.vertx();
  }

  @Override
  public Router router(Channel channel) {
    Router r = routers.get(channel);
    if (r == null) {
      throw new IllegalArgumentException("this connector does not serve " + channel.wireName());
    }
    return r;
  }

  @Override
  public JsonObject config() {
    return config;
  }

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public Future<Accepted> ingest(InboundInteraction interaction) {
    return hub.ingest().ingest(interaction).recover(HubConnectorContext::asRejection);
  }

  @Override
  public Future<Accepted> update(InteractionUpdate update) {
    return hub.ingest().update(update).recover(HubConnectorContext::asRejection);
  }

  /** Connectors see refusals in SPI terms, so they can tell final from temporary. */
  private static <T> Future<T> asRejection(Throwable e) {
    return Future.failedFuture(
        e instanceof HubException h ? new IngestRejectedException(h.status(), h.detail()) : e);
  }

  @Override
  public Future<JsonObject> customerSnapshot(Identity identity, int historyItems) {
    String query = identity.type().wireName() + ":" + identity.value();
    return hub.queries()
        .customerByIdentity(query)
        .compose(
            customer ->
                hub.queries()
                    .conversationsOf(customer.id())
                    .compose(
                        conversations ->
                            hub.queries()
                                .timeline(customer.id(), null, historyItems)
                                .map(
                                    page ->
                                        new JsonObject()
                                            .put("customer", customer.toJson())
                                            .put(
                                                "conversations",
                                                new JsonArray(
                                                    conversations.stream()
                                                        .map(c -> (Object) c.toJson())
                                                        .toList()))
                                            .put("history", page.itemsAsJsonArray()))))
        .recover(
            e ->
                e instanceof HubException h && h.status() == 404
                    ? Future.succeededFuture(null)
                    : Future.failedFuture(e));
  }

  /** Visits every user once per lookup (on each ring), so it compares in place, without copies. */
  @Override
  public Future<Set<String>> findAgents(Collection<String> keys) {
    List<String> wanted = new ArrayList<>();
    for (String k : keys) {
      if (k != null && !k.isBlank()) {
        wanted.add(k.strip());
      }
    }
    Set<String> logins = new TreeSet<>();
    if (!wanted.isEmpty()) {
      for (User u : hub.users().unordered()) {
        for (String k : wanted) {
          if (k.equalsIgnoreCase(u.login())
              || k.equalsIgnoreCase(u.displayName())
              || k.equalsIgnoreCase(u.extension())
              || k.equalsIgnoreCase(u.email())) {
            logins.add(u.login());
            break;
          }
        }
      }
    }
    return Future.succeededFuture(logins);
  }

  /**
   * Publishes after the hub's enricher had its say (offers go into a screen-pop here), in the order
   * the connector published: an update never overtakes the pop it updates. An enricher failure
   * never loses the event.
   */
  @Override
  public synchronized void publish(LiveEvent event) {
    Audience audience =
        event.agents().isEmpty()
            ? new Audience(Set.of(), Set.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN))
            : Audience.users(event.agents());
    published =
        published.compose(
            v ->
                hub.enricher()
                    .enrich(event)
                    .otherwise(e -> new LiveEventEnricher.Enriched(event.payload(), () -> {}))
                    .map(
                        enriched -> {
                          hub.events().publish(event.type(), enriched.payload(), audience);
                          enriched.afterPublish().run();
                          return (Void) null;
                        })
                    .otherwiseEmpty());
  }

  @Override
  public Future<AttachmentRef> storeAttachment(
      String filename, String contentType, Buffer content, boolean inline) {
    return hub.vertx()
        .executeBlocking(
            () -> hub.attachments().store(filename, contentType, content, inline), false);
  }

  @Override
  public boolean verifyIngestToken(String bearerToken) {
    return hub.ingestToken().test(bearerToken);
  }

  @Override
  public Future<List<JsonObject>> conversationItems(
      String conversationId, long afterSeq, int limit) {
    return hub.queries()
        .conversationSince(conversationId, afterSeq, limit)
        .map(
            items ->
                items.stream()
                    // Internal notes are for agents only; they never leave through a channel.
                    .filter(i -> i.kind() != InteractionKind.NOTE)
                    .map(i -> i.toJson())
                    .toList())
        .recover(HubConnectorContext::asRejection);
  }

  @Override
  public Future<Void> sendEmail(String to, String subject, String text) {
    return connectors
        .apply(Channel.EMAIL)
        .map(
            email ->
                email
                    .send(
                        new OutboundMessage(
                            null,
                            null,
                            Channel.EMAIL,
                            new Identity(IdentityType.EMAIL, to, false, null),
                            subject,
                            text,
                            null,
                            List.of(),
                            null,
                            new JsonObject()))
                    .<Void>mapEmpty())
        .orElseGet(() -> Future.failedFuture(new IllegalStateException("no email connector runs")));
  }

  @Override
  public byte[] signingKey() {
    return signingKey.clone();
  }

  @Override
  public Future<Set<String>> availableAgents(String queue) {
    if (queue == null) {
      return Future.succeededFuture(hub.presence().available(null));
    }
    return Future.succeededFuture(
        hub.presence().isQueue(queue) ? hub.presence().available(queue) : Set.of());
  }

  @Override
  public Future<Boolean> agentsAvailable(Channel channel) {
    return hub.agentsAvailable().apply(channel);
  }

  @Override
  public Peers peers() {
    return peers;
  }
}
