package io.contacthub.hub.channels;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
import io.contacthub.connector.Peers;
import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.auth.UserStore;
import io.contacthub.hub.cluster.ClusterOptions;
import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.events.LiveEventEnricher;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.query.QueryService;
import io.contacthub.hub.routing.RoutingView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every channel connector on the class path ({@link ServiceLoader}), mounts each channel's
 * router under {@code /channels/{channel}} and starts it; a connector whose config section says
 * {@code enabled: false} stays off. Start-up fails when a connector fails to start.
 */
public final class ConnectorRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

  private final List<ChannelConnector> started = new ArrayList<>();
  private final Map<Channel, ChannelConnector> byChannel = new EnumMap<>(Channel.class);
  private final List<LiveBusPeers> peers = new ArrayList<>();

  /** Everything a connector context needs from the hub. */
  public record HubSide(
      Vertx vertx,
      Router root,
      HubConfig config,
      IngestService ingest,
      QueryService queries,
      LiveEvents events,
      AttachmentStore attachments,
      Predicate<String> ingestToken,
      UserStore users,
      LiveEventEnricher enricher,
      byte[] hubSecret,
      RoutingView presence,
      Function<Channel, Future<Boolean>> agentsAvailable) {}

  public Future<Void> start(HubSide hub) {
    List<Future<Void>> starting = new ArrayList<>();
    // A single node has no peers; in cluster mode the relay carries the live bus to them.
    boolean clustered = ClusterOptions.from(hub.config()) != null;
    for (ChannelConnectorFactory factory : ServiceLoader.load(ChannelConnectorFactory.class)) {
      JsonObject section = hub.config().section(factory.type());
      if (!section.getBoolean("enabled", true)) {
        LOG.info("connector {} is disabled", factory.type());
        continue;
      }
      ChannelConnector connector = factory.create();
      Map<Channel, Router> routers = new EnumMap<>(Channel.class);
      for (Channel channel : connector.channels()) {
        Router sub = Router.router(hub.vertx());
        hub.root().route("/channels/" + channel.wireName() + "/*").subRouter(sub);
        routers.put(channel, sub);
        byChannel.put(channel, connector);
      }
      Peers toPeers = Peers.NONE;
      if (clustered) {
        LiveBusPeers p = new LiveBusPeers(hub.vertx(), factory.type());
        peers.add(p);
        toPeers = p;
      }
      HubConnectorContext ctx =
          new HubConnectorContext(
              hub,
              routers,
              section,
              hub.config().dataDir().resolve("connectors").resolve(factory.type()),
              ConnectorKeys.derive(hub.hubSecret(), factory.type()),
              this::connector,
              toPeers);
      starting.add(
          connector
              .start(ctx)
              .onSuccess(v -> started.add(connector))
              .recover(
                  e ->
                      Future.failedFuture(
                          new IllegalStateException(
                              "connector " + factory.type() + " failed to start: " + e.getMessage(),
                              e))));
    }
    return Future.all(starting).mapEmpty();
  }

  /** The connector that delivers replies on a channel. */
  public Optional<ChannelConnector> connector(Channel channel) {
    return Optional.ofNullable(byChannel.get(channel));
  }

  public Future<Void> stop() {
    peers.forEach(LiveBusPeers::close);
    return Future.join(started.stream().map(ChannelConnector::stop).toList()).mapEmpty();
  }
}
