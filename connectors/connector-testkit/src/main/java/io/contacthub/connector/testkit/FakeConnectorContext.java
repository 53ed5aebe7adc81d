package io.contacthub.connector.testkit;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.AttachmentTooLargeException;
import io.contacthub.connector.Channel;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.Identity;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.connector.LiveEvent;
import io.contacthub.connector.Peers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A hub in small for connectors' tests: stores what is ingested by the hub's rules ({@link
 * FakeTimeline}), stores attachments in the data dir with a size limit, answers customer snapshots
 * and agent lookups, records published live events, and serves the connector's routers under {@code
 * /channels/{channel}} on a real HTTP server on loopback. Built with {@link #builder}.
 */
public final class FakeConnectorContext implements ConnectorContext {

  /** The ingest token {@link #verifyIngestToken} accepts. */
  public static final String INGEST_TOKEN = "test-ingest-token";

  /** One ingest call and what it answered. */
  public record Ingested(InboundInteraction interaction, Accepted accepted) {}

  /** A staff user as {@link #findAgents} sees one. */
  public record Agent(String login, String displayName, String extension, String email) {}

  /** Options of a fake context; {@link #start} creates it with its HTTP server. */
  public static final class Builder {
    private final Vertx vertx;
    private JsonObject config = new JsonObject();
    private Path dataDir;
    private long attachmentLimit = 1024 * 1024;
    private int port;
    private final List<Agent> agents = new ArrayList<>();
    private Set<String> away = Set.of();
    private Map<String, List<String>> queues = Map.of();

    private Builder(Vertx vertx) {
      this.vertx = vertx;
    }

    /** The connector's config section (empty by default). */
    public Builder config(JsonObject config) {
      this.config = config;
      return this;
    }

    /** Required: the connector's data dir, e.g. a {@code @TempDir}. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Largest attachment stored (1 MiB by default). */
    public Builder attachmentLimit(long bytes) {
      this.attachmentLimit = bytes;
      return this;
    }

    /** The HTTP port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder agents(Agent... staff) {
      agents.addAll(List.of(staff));
      return this;
    }

    /** Agents (logins) who are not available; every other agent is. */
    public Builder away(String... logins) {
      this.away = Set.of(logins);
      return this;
    }

    /** The hub's queues and the logins of the agents serving each (none by default). */
    public Builder queues(Map<String, List<String>> members) {
      this.queues = Map.copyOf(members);
      return this;
    }

    public Future<FakeConnectorContext> start() {
      if (dataDir == null) {
        throw new IllegalStateException("dataDir is required");
      }
      FakeConnectorContext ctx = new FakeConnectorContext(this);
      return vertx
          .createHttpServer()
          .requestHandler(ctx.root)
          .listen(port, "127.0.0.1")
          .map(
              s -> {
                ctx.server = s;
                return ctx;
              });
    }
  }

  private final Vertx vertx;
  private final JsonObject config;
  private final Path dataDir;
  private final long attachmentLimit;
  private final List<Agent> agents;
  private final Set<String> away;
  private final Map<String, List<String>> queues;
  private final List<JsonObject> sentEmails = new CopyOnWriteArrayList<>();
  private final Router root;
  private final Map<Channel, Router> routers = new HashMap<>();
  private final FakeTimeline timeline = new FakeTimeline();
  private final List<Ingested> calls = new CopyOnWriteArrayList<>();
  private final List<InteractionUpdate> updates = new CopyOnWriteArrayList<>();
  private final List<LiveEvent> events = new CopyOnWriteArrayList<>();
  private final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile Function<InboundInteraction, Throwable> ingestFailure = i -> null;
  private volatile Peers peers = Peers.NONE;
  private HttpServer server;
  private int nextAttachment;

  private FakeConnectorContext(Builder b) {
    this.vertx = b.vertx;
    this.config = b.config;
    this.dataDir = b.dataDir;
    this.attachmentLimit = b.attachmentLimit;
    this.agents = List.copyOf(b.agents);
    this.away = b.away;
    this.queues = b.queues;
    this.root = Router.router(vertx);
  }

  public static Builder builder(Vertx vertx) {
    return new Builder(vertx);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The HTTP server's router, for a test that serves more than the channels. */
  public Router root() {
    return root;
  }

  // ---- ConnectorContext

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public synchronized Router router(Channel channel) {
    return routers.computeIfAbsent(
        channel,
        c -> {
          Router r = Router.router(vertx);
          root.route("/channels/" + c.wireName() + "/*").subRouter(r);
          return r;
        });
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
  public synchronized Future<Accepted> ingest(InboundInteraction i) {
    Throwable failure = ingestFailure.apply(i);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    Accepted accepted = timeline.ingest(i);
    calls.add(new Ingested(i, accepted));
    return Future.succeededFuture(accepted);
  }

  @Override
  public synchronized Future<Accepted> update(InteractionUpdate update) {
    Throwable failure = ingestFailure.apply(null);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    Accepted accepted = timeline.update(update);
    if (accepted == null) {
      // As the hub answers: a client error, not retryable.
      return Future.failedFuture(
          new io.contacthub.connector.IngestRejectedException(
              404, "no interaction " + update.externalId()));
    }
    updates.add(update);
    return Future.succeededFuture(accepted);
  }

  @Override
  public synchronized Future<JsonObject> customerSnapshot(Identity identity, int historyItems) {
    return Future.succeededFuture(timeline.snapshot(identity, historyItems));
  }

  @Override
  public Future<Set<String>> findAgents(Collection<String> keys) {
    Set<String> found = new LinkedHashSet<>();
    for (String k : keys) {
      for (Agent a : agents) {
        if (k.equalsIgnoreCase(a.login())
            || k.equalsIgnoreCase(a.displayName())
            || k.equalsIgnoreCase(String.valueOf(a.extension()))
            || k.equalsIgnoreCase(String.valueOf(a.email()))) {
          found.add(a.login());
        }
      }
    }
    return Future.succeededFuture(found);
  }

  @Override
  public Future<Set<String>> availableAgents(String queue) {
    Set<String> found = new TreeSet<>();
    for (Agent a : agents) {
      if (!away.contains(a.login())
          && (queue == null || queues.getOrDefault(queue, List.of()).contains(a.login()))) {
        found.add(a.login());
      }
    }
    return Future.succeededFuture(found);
  }

  @Override
  public void publish(LiveEvent event) {
    events.add(event);
    listeners.forEach(l -> l.accept(event));
  }

  @Override
  public synchronized Future<AttachmentRef> storeAttachment(
      String filename, String contentType, Buffer content, boolean inline) {
    if (content.length() > attachmentLimit) {
      return Future.failedFuture(
          new AttachmentTooLargeException(content.length(), attachmentLimit));
    }
    String id = "att-" + ++nextAttachment;
    try {
      Path dir = Files.createDirectories(dataDir.resolve("attachments"));
      Files.write(dir.resolve(id), content.getBytes());
    } catch (IOException e) {
      return Future.failedFuture(new UncheckedIOException(e));
    }
    return Future.succeededFuture(
        new AttachmentRef(id, filename, contentType, content.length(), null, inline));
  }

  @Override
  public Future<List<JsonObject>> conversationItems(
      String conversationId, long afterSeq, int limit) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public byte[] signingKey() {
    return "connector-test-signing-key-32-bytes!".getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Future<Void> sendEmail(String to, String subject, String text) {
    sentEmails.add(new JsonObject().put("to", to).put("subject", subject).put("text", text));
    return Future.succeededFuture();
  }

  /** The emails connectors sent through {@link #sendEmail}, oldest first. */
  public List<JsonObject> sentEmails() {
    return List.copyOf(sentEmails);
  }

  @Override
  public Future<Boolean> agentsAvailable(Channel channel) {
    return Future.succeededFuture(
        agents.isEmpty() || agents.stream().anyMatch(a -> !away.contains(a.login())));
  }

  @Override
  public boolean verifyIngestToken(String bearerToken) {
    return bearerToken != null
        && MessageDigest.isEqual(
            bearerToken.getBytes(StandardCharsets.UTF_8),
            INGEST_TOKEN.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Peers peers() {
    return peers;
  }

  // ---- what tests change

  /** The connector's peers on other nodes, as cluster mode would give them (none by default). */
  public FakeConnectorContext usePeers(Peers p) {
    peers = p;
    return this;
  }

  /** Called with every published event, after it is recorded. */
  public FakeConnectorContext onPublish(Consumer<LiveEvent> listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Makes every later ingest and update fail, as a hub whose log is unavailable would; null makes
   * them succeed again.
   */
  public void failIngest(Throwable failure) {
    ingestFailure = i -> failure;
  }

  /**
   * Makes later ingests fail with what {@code failure} answers for them (null: accept), as a hub
   * refusing some input would; updates are unaffected.
   */
  public void failIngestWhen(Function<InboundInteraction, Throwable> failure) {
    ingestFailure = i -> i == null ? null : failure.apply(i);
  }

  /** What the hub does with a receipt: the sent message's id becomes a conversation key. */
  public synchronized void recordDelivery(
      String conversationId, String keyPrefix, DeliveryReceipt receipt) {
    timeline.addKey(conversationId, keyPrefix + receipt.externalId());
  }

  // ---- what tests look at

  /** Every ingest call in order, duplicates included. */
  public List<Ingested> calls() {
    return List.copyOf(calls);
  }

  /** The first ingest call for an external id. */
  public Optional<Ingested> call(String externalId) {
    return calls.stream().filter(c -> c.interaction().externalId().equals(externalId)).findFirst();
  }

  public long callsFor(String externalId) {
    return calls.stream().filter(c -> c.interaction().externalId().equals(externalId)).count();
  }

  /** The interaction as stored now (updates applied), or null. */
  public synchronized JsonObject interaction(Channel channel, String externalId) {
    return timeline.interaction(channel.wireName(), externalId);
  }

  public List<InteractionUpdate> updates() {
    return List.copyOf(updates);
  }

  public List<LiveEvent> events() {
    return List.copyOf(events);
  }

  public List<LiveEvent> events(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  public byte[] attachmentContent(String id) throws IOException {
    return Files.readAllBytes(dataDir.resolve("attachments").resolve(id));
  }

  /** The conversation's thread keys, oldest first, as the hub puts them on an outbound message. */
  public synchronized List<String> threadKeys(String conversationId) {
    return timeline.threadKeys(conversationId);
  }
}
