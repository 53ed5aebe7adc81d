package io.contacthub.connector.testkit;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.Channel;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.Identity;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.connector.LiveEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording stand-in for the hub, for connector tests: assigns ids, dedupes by {@code (channel,
 * externalId)}, applies updates (top-level extras keys replaced, like the hub), answers customer
 * snapshots from what was ingested, finds agents in a configured staff list, records published live
 * events, and serves the connector's routers on a real HTTP server on a free port.
 */
public final class FakeConnectorContext implements ConnectorContext {

  public static final String INGEST_TOKEN = "test-ingest-token";

  /** A staff user as findAgents sees one. */
  public record Agent(String login, String displayName, String extension, String email) {}

  /** An ingest call as the connector made it, with the hub's answer. */
  public record Ingested(InboundInteraction interaction, Accepted accepted) {}

  private final Vertx vertx;
  private final JsonObject config;
  private final Path dataDir;
  private final Router root;
  private final Map<Channel, Router> routers = new EnumMap<>(Channel.class);
  private final List<Agent> agents = new CopyOnWriteArrayList<>();
  private final List<Ingested> calls = new CopyOnWriteArrayList<>();
  private final List<InteractionUpdate> updates = new CopyOnWriteArrayList<>();
  private final List<LiveEvent> events = new CopyOnWriteArrayList<>();
  private final List<java.util.function.Consumer<LiveEvent>> listeners =
      new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> stored = new LinkedHashMap<>();
  private final Map<String, String> customerByIdentity = new HashMap<>();
  private final Map<String, JsonObject> customers = new HashMap<>();
  private volatile Throwable ingestFailure;
  private HttpServer server;
  private int nextId;

  private FakeConnectorContext(Vertx vertx, JsonObject config, Path dataDir) {
    this.vertx = vertx;
    this.config = config;
    this.dataDir = dataDir;
    this.root = Router.router(vertx);
  }

  /** Creates the context and its HTTP server on a free port. */
  public static Future<FakeConnectorContext> start(Vertx vertx, JsonObject config, Path dataDir) {
    return start(vertx, config, dataDir, 0);
  }

  public static Future<FakeConnectorContext> start(
      Vertx vertx, JsonObject config, Path dataDir, int port) {
    FakeConnectorContext ctx = new FakeConnectorContext(vertx, config, dataDir);
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

  /** Called with every published event, after it is recorded. */
  public FakeConnectorContext onPublish(java.util.function.Consumer<LiveEvent> listener) {
    listeners.add(listener);
    return this;
  }

  public FakeConnectorContext withAgents(Agent... staff) {
    agents.addAll(List.of(staff));
    return this;
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
          Router sub = Router.router(vertx);
          root.route("/channels/" + c.wireName() + "/*").subRouter(sub);
          return sub;
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
    if (ingestFailure != null) {
      return Future.failedFuture(ingestFailure);
    }
    String key = i.channel().wireName() + "|" + i.externalId();
    JsonObject existing = stored.get(key);
    if (existing != null) {
      Accepted dup = accepted(existing, true);
      calls.add(new Ingested(i, dup));
      return Future.succeededFuture(dup);
    }
    String customerId = customerFor(i.identities());
    JsonObject json =
        new JsonObject()
            .put("interactionId", "int-" + ++nextId)
            .put("channel", i.channel().wireName())
            .put("externalId", i.externalId())
            .put("direction", i.direction().wireName())
            .put("kind", i.kind().wireName())
            .put("occurredAt", i.occurredAt().toString())
            .put("customerId", customerId)
            .put("conversationId", "conv-" + customerId)
            .put("threadKeys", new JsonArray(i.thread().keys()))
            .put("subject", i.subject())
            .put("text", i.text())
            .put("extras", i.extras());
    stored.put(key, json);
    Accepted accepted = accepted(json, false);
    calls.add(new Ingested(i, accepted));
    return Future.succeededFuture(accepted);
  }

  @Override
  public synchronized Future<Accepted> update(InteractionUpdate update) {
    JsonObject current = stored.get(update.channel().wireName() + "|" + update.externalId());
    if (current == null) {
      // As the hub answers: a final 404 refusal.
      return Future.failedFuture(
          new io.contacthub.connector.IngestRejectedException(
              404, "no interaction " + update.externalId()));
    }
    if (ingestFailure != null) {
      return Future.failedFuture(ingestFailure);
    }
    current.getJsonObject("extras").mergeIn(update.extras());
    if (update.text() != null) {
      current.put("text", update.text());
    }
    updates.add(update);
    return Future.succeededFuture(accepted(current, false));
  }

  @Override
  public synchronized Future<JsonObject> customerSnapshot(Identity identity, int historyItems) {
    String customerId = customerByIdentity.get(key(identity));
    if (customerId == null) {
      return Future.succeededFuture(null);
    }
    List<JsonObject> history =
        stored.values().stream()
            .filter(j -> customerId.equals(j.getString("customerId")))
            .sorted(Comparator.comparing((JsonObject j) -> j.getString("occurredAt")).reversed())
            .limit(historyItems)
            .map(JsonObject::copy)
            .toList();
    JsonObject conversation =
        new JsonObject()
            .put("conversationId", "conv-" + customerId)
            .put("customerId", customerId)
            .put("status", "open");
    return Future.succeededFuture(
        new JsonObject()
            .put("customer", customers.get(customerId).copy())
            .put("conversations", new JsonArray().add(conversation))
            .put("history", new JsonArray(new ArrayList<>(history))));
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
  public void publish(LiveEvent event) {
    events.add(event);
    listeners.forEach(l -> l.accept(event));
  }

  @Override
  public Future<AttachmentRef> storeAttachment(
      String filename, String contentType, Buffer content, boolean inline) {
    return Future.failedFuture(new UnsupportedOperationException("no attachments in this kit"));
  }

  /** Conversations are not kept in this kit. */
  @Override
  public Future<List<JsonObject>> conversationItems(
      String conversationId, long afterSeq, int limit) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public byte[] signingKey() {
    return "connector-test-signing-key-32-bytes!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public boolean agentsAvailable() {
    return true;
  }

  @Override
  public boolean verifyIngestToken(String bearerToken) {
    return bearerToken != null
        && MessageDigest.isEqual(
            bearerToken.getBytes(StandardCharsets.UTF_8),
            INGEST_TOKEN.getBytes(StandardCharsets.UTF_8));
  }

  // ---- what tests look at

  /** Every ingest call in order, duplicates included. */
  public List<Ingested> calls() {
    return List.copyOf(calls);
  }

  public long callsFor(String externalId) {
    return calls.stream().filter(c -> c.interaction().externalId().equals(externalId)).count();
  }

  /** The interaction as stored now (updates applied), or null. */
  public synchronized JsonObject interaction(Channel channel, String externalId) {
    JsonObject j = stored.get(channel.wireName() + "|" + externalId);
    return j == null ? null : j.copy();
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

  /** Makes every later ingest and update fail, as a hub whose log is unavailable would. */
  public void failIngest(Throwable failure) {
    ingestFailure = failure;
  }

  private static Accepted accepted(JsonObject j, boolean duplicate) {
    return new Accepted(
        j.getString("interactionId"),
        j.getString("customerId"),
        j.getString("conversationId"),
        duplicate);
  }

  private String customerFor(List<Identity> identities) {
    String owner =
        identities.stream()
            .map(i -> customerByIdentity.get(key(i)))
            .filter(c -> c != null)
            .findFirst()
            .orElse(null);
    if (owner == null) {
      owner = "cust-" + ++nextId;
      String name =
          identities.stream()
              .map(Identity::displayName)
              .filter(n -> n != null)
              .findFirst()
              .orElse(null);
      customers.put(
          owner,
          new JsonObject()
              .put("customerId", owner)
              .put("displayName", name)
              .put("identities", new JsonArray()));
    }
    for (Identity i : identities) {
      if (customerByIdentity.putIfAbsent(key(i), owner) == null) {
        customers
            .get(owner)
            .getJsonArray("identities")
            .add(
                new JsonObject()
                    .put("type", i.type().wireName())
                    .put("value", i.value())
                    .put("verified", i.verified()));
      }
    }
    return owner;
  }

  private static String key(Identity i) {
    return i.type().wireName() + ":" + i.value().strip().toLowerCase(Locale.ROOT);
  }
}
