package io.contacthub.hub;

import io.contacthub.hub.api.HttpApi;
import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.auth.UserRecords;
import io.contacthub.hub.channels.ConnectorRegistry;
import io.contacthub.hub.cluster.Cluster;
import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.config.HubSecrets;
import io.contacthub.hub.customers.CustomerImport;
import io.contacthub.hub.customers.CustomerValueOptions;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.offers.OfferRecipients;
import io.contacthub.hub.offers.Offers;
import io.contacthub.hub.offers.OffersOptions;
import io.contacthub.hub.reply.ConversationSignals;
import io.contacthub.hub.reply.ReplyService;
import io.contacthub.hub.ui.AgentUiRoutes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles and starts everything, in one readable order: metrics, the cluster (nothing in the
 * embedded mode), the core (log, index, state), secrets, users, the HTTP API, the connectors, then
 * one HTTP server per event loop.
 */
public final class HubApplication {

  private final Vertx vertx;
  private final HubConfig config;
  private final Cluster cluster;
  private final Hub hub;
  private final Offers offers;
  private final ConnectorRegistry connectors;
  private final List<HttpServerVerticle> servers;
  private final String serversDeployment;
  private final List<String> firstStartNotes;

  private HubApplication(
      Vertx vertx,
      HubConfig config,
      Cluster cluster,
      Hub hub,
      Offers offers,
      ConnectorRegistry connectors,
      List<HttpServerVerticle> servers,
      String serversDeployment,
      List<String> firstStartNotes) {
    this.vertx = vertx;
    this.config = config;
    this.cluster = cluster;
    this.hub = hub;
    this.offers = offers;
    this.connectors = connectors;
    this.servers = servers;
    this.serversDeployment = serversDeployment;
    this.firstStartNotes = firstStartNotes;
  }

  public static Future<HubApplication> start(HubConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node", config.nodeId());
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    List<String> notes = new ArrayList<>();
    return Cluster.join(vertx, config)
        .compose(
            cluster ->
                vertx
                    .executeBlocking(
                        () ->
                            Hub.open(
                                vertx,
                                config,
                                Clock.systemUTC(),
                                cluster.sharedLog().orElse(null),
                                cluster.sharedRouting().orElse(null)))
                    .compose(hub -> core(vertx, config, registry, cluster, hub, notes))
                    .onFailure(e -> cluster.leave()))
        .onFailure(e -> vertx.close());
  }

  private static Future<HubApplication> core(
      Vertx vertx,
      HubConfig config,
      PrometheusMeterRegistry registry,
      Cluster cluster,
      Hub hub,
      List<String> notes) {
    return vertx
        .executeBlocking(
            () ->
                new Core(
                    cluster,
                    hub,
                    HubSecrets.load(config),
                    cluster.userRecords(config.dataDir()),
                    cluster.attachments(
                        config.dataDir().resolve("attachments"), config.attachmentMaxBytes()),
                    offers(vertx, config, hub, registry)))
        .compose(core -> assemble(vertx, config, registry, core, notes))
        .onFailure(e -> closeQuietly(hub));
  }

  private record Core(
      Cluster cluster,
      Hub hub,
      HubSecrets secrets,
      UserRecords users,
      AttachmentStore attachments,
      Offers offers) {}

  /**
   * Offers and customer value: loads the rule file and listens to durable changes. A conversation's
   * offers go to the agent routing offered or assigned it to.
   */
  private static Offers offers(
      Vertx vertx, HubConfig config, Hub hub, PrometheusMeterRegistry registry) {
    Offers offers =
        new Offers(
            new Offers.HubSide(
                vertx,
                hub.customers(),
                hub.conversations(),
                hub.customerChanges(),
                hub.ingest(),
                new LiveEvents(vertx),
                registry,
                assignee(hub)),
            OffersOptions.from(config.section("offers")));
    hub.onDurable(offers.changes());
    return offers;
  }

  /**
   * The agents routing has offered or assigned the conversation to (a call: who answered it), read
   * from routing's view without a hop to its thread; every staff member while it has none (still
   * queued, or the offer came before routing placed it).
   */
  private static OfferRecipients assignee(Hub hub) {
    return (conversationId, customerId) -> {
      java.util.Set<String> holders =
          conversationId == null
              ? java.util.Set.of()
              : hub.routing().view().holders(conversationId);
      return Future.succeededFuture(holders.isEmpty() ? Audience.STAFF : Audience.users(holders));
    };
  }

  private static Future<HubApplication> assemble(
      Vertx vertx,
      HubConfig config,
      PrometheusMeterRegistry registry,
      Core core,
      List<String> notes) {
    if (core.secrets().ingestTokenGenerated()) {
      notes.add(
          "Ingest token (generated; set HUB_INGEST_TOKEN to choose one): "
              + core.secrets().ingestToken());
    }
    Router router = Router.router(vertx);
    HttpApi.answerErrorsWithProblems(router);
    ConnectorRegistry connectors = new ConnectorRegistry();
    List<HttpServerVerticle> servers = new ArrayList<>();
    ReplyService replies =
        new ReplyService(core.hub().ingest(), core.hub().queries(), connectors::connector);
    return ApiAssembly.mount(
            vertx,
            router,
            config,
            registry,
            core.hub(),
            () -> core.cluster().readiness(core.hub().readiness()),
            core.secrets(),
            replies,
            core.users(),
            core.attachments(),
            core.offers(),
            new CustomerImport(
                core.hub().customerChanges(),
                core.hub().normalizer(),
                CustomerValueOptions.from(config.section("customers"))),
            new ConversationSignals(
                core.hub().ingest(),
                core.hub().queries(),
                connectors::connector,
                java.time.Clock.systemUTC(),
                System::nanoTime),
            notes)
        .onSuccess(api -> AgentUiRoutes.mount(vertx, router))
        .compose(
            api ->
                connectors.start(
                    new ConnectorRegistry.HubSide(
                        vertx,
                        router,
                        config,
                        core.hub().ingest(),
                        core.hub().queries(),
                        new LiveEvents(vertx),
                        core.attachments(),
                        api.auth()::isIngestToken,
                        api.users(),
                        core.offers().screenPops(),
                        core.secrets().jwtSecret(),
                        core.hub().routing().view(),
                        channel -> core.hub().routing().read(e -> e.canTakeNow(channel)))))
        .compose(
            v ->
                vertx.deployVerticle(
                    () -> {
                      HttpServerVerticle s =
                          new HttpServerVerticle(router, config.httpHost(), config.httpPort());
                      synchronized (servers) {
                        servers.add(s);
                      }
                      return s;
                    },
                    new DeploymentOptions()
                        .setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)))
        .map(
            id ->
                new HubApplication(
                    vertx,
                    config,
                    core.cluster(),
                    core.hub(),
                    core.offers(),
                    connectors,
                    servers,
                    id,
                    notes));
  }

  /** The port the hub listens on (useful when configured as 0 for tests). */
  public int port() {
    return servers.get(0).actualPort();
  }

  public Hub hub() {
    return hub;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** What to print at start: where the desktop is, and any secret generated on first start. */
  public String banner() {
    String base = "http://localhost:" + port();
    StringBuilder b = new StringBuilder();
    b.append("Contact Hub is running (node ").append(config.nodeId()).append(")\n");
    b.append("  Agent desktop:    ").append(base).append("/\n");
    b.append("  Supervisor wall:  ").append(base).append("/supervisor\n");
    b.append("  API:              ")
        .append(base)
        .append("/api/v1  (contract: docs/openapi.yaml)\n");
    b.append("  Data:             ")
        .append(config.dataDir().toAbsolutePath().normalize())
        .append('\n');
    firstStartNotes.forEach(n -> b.append("  ").append(n).append('\n'));
    return b.toString();
  }

  /**
   * Stops taking traffic first (connectors, then HTTP), then the core, which drains the log and
   * commits the index, then leaves the cluster, then Vert.x.
   */
  public Future<Void> stop() {
    return connectors
        .stop()
        .eventually(() -> vertx.undeploy(serversDeployment))
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      offers.close();
                      hub.close();
                      return null;
                    }))
        .eventually(cluster::leave)
        .eventually(vertx::close)
        .mapEmpty();
  }

  private static void closeQuietly(Hub hub) {
    try {
      hub.close();
    } catch (Exception ignored) {
      // Start-up already failed; the first error is the one to report.
    }
  }
}
