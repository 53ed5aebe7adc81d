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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording stand-in for the hub, for connector tests: assigns ids, dedupes by {@code (channel,
 * externalId)}, threads by thread keys like the hub does, stores attachments in a directory with a
 * size limit, and serves the connector's routers on a real HTTP server on a free port.
 */
public final class FakeConnectorContext implements ConnectorContext {

  public static final String INGEST_TOKEN = "test-ingest-token";

  /** An ingest call as the connector made it, with the hub's answer. */
  public record Ingested(InboundInteraction interaction, Accepted accepted) {}

  private final Vertx vertx;
  private final JsonObject config;
  private final Path dataDir;
  private final long attachmentLimit;
  private final Router root;
  private final Map<Channel, Router> routers = new EnumMap<>(Channel.class);
  private final List<Ingested> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Accepted> byExternalId = new HashMap<>();
  private final Map<String, String> conversationByKey = new HashMap<>();
  private final Map<String, List<String>> keysByConversation = new LinkedHashMap<>();
  private final Map<String, String> customerByIdentity = new HashMap<>();
  private final Map<String, AttachmentRef> attachments = new LinkedHashMap<>();
  private volatile Throwable ingestFailure;
  private HttpServer server;
  private int nextId;

  private FakeConnectorContext(Vertx vertx, JsonObject config, Path dataDir, long attachmentLimit) {
    this.vertx = vertx;
    this.config = config;
    this.dataDir = dataDir;
    this.attachmentLimit = attachmentLimit;
    this.root = Router.router(vertx);
  }

  /** Creates the context and its HTTP server on a free port. */
  public static Future<FakeConnectorContext> start(
      Vertx vertx, JsonObject config, Path dataDir, long attachmentLimit) {
    FakeConnectorContext ctx = new FakeConnectorContext(vertx, config, dataDir, attachmentLimit);
    return vertx
        .createHttpServer()
        .requestHandler(ctx.root)
        .listen(0, "127.0.0.1")
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
    String dedupeKey = i.channel().wireName() + "|" + i.externalId();
    Accepted existing = byExternalId.get(dedupeKey);
    if (existing != null) {
      Accepted dup =
          new Accepted(
              existing.interactionId(), existing.customerId(), existing.conversationId(), true);
      calls.add(new Ingested(i, dup));
      return Future.succeededFuture(dup);
    }
    String customer = customerFor(i.identities());
    String conversation =
        i.thread().references().stream()
            .map(conversationByKey::get)
            .filter(c -> c != null)
            .reduce((first, later) -> later)
            .orElseGet(() -> "conv-" + ++nextId);
    for (String key : i.thread().keys()) {
      addKey(conversation, key);
    }
    Accepted accepted = new Accepted("int-" + ++nextId, customer, conversation, false);
    byExternalId.put(dedupeKey, accepted);
    calls.add(new Ingested(i, accepted));
    return Future.succeededFuture(accepted);
  }

  @Override
  public synchronized Future<Accepted> update(InteractionUpdate update) {
    Accepted a = byExternalId.get(update.channel().wireName() + "|" + update.externalId());
    return a == null
        ? Future.failedFuture(new IllegalArgumentException("unknown " + update.externalId()))
        : Future.succeededFuture(a);
  }

  @Override
  public Future<JsonObject> customerSnapshot(Identity identity, int historyItems) {
    return Future.succeededFuture(null);
  }

  /** No staff directory in the kit: nobody matches. */
  @Override
  public Future<java.util.Set<String>> findAgents(java.util.Collection<String> keys) {
    return Future.succeededFuture(java.util.Set.of());
  }

  @Override
  public void publish(LiveEvent event) {
    // Nobody listens in connector tests.
  }

  @Override
  public synchronized Future<AttachmentRef> storeAttachment(
      String filename, String contentType, Buffer content, boolean inline) {
    if (content.length() > attachmentLimit) {
      return Future.failedFuture(
          new AttachmentTooLargeException(content.length(), attachmentLimit));
    }
    String id = "att-" + ++nextId;
    try {
      Path dir = Files.createDirectories(dataDir.resolve("attachments"));
      Files.write(dir.resolve(id), content.getBytes());
    } catch (IOException e) {
      return Future.failedFuture(new UncheckedIOException(e));
    }
    AttachmentRef ref =
        new AttachmentRef(id, filename, contentType, content.length(), null, inline);
    attachments.put(id, ref);
    return Future.succeededFuture(ref);
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

  /** The first ingest call for an external id. */
  public Optional<Ingested> call(String externalId) {
    return calls.stream().filter(c -> c.interaction().externalId().equals(externalId)).findFirst();
  }

  public long callsFor(String externalId) {
    return calls.stream().filter(c -> c.interaction().externalId().equals(externalId)).count();
  }

  public byte[] attachmentContent(String id) throws IOException {
    return Files.readAllBytes(dataDir.resolve("attachments").resolve(id));
  }

  /** The conversation's thread keys, oldest first, as the hub puts them on an outbound message. */
  public synchronized List<String> threadKeys(String conversationId) {
    return List.copyOf(keysByConversation.getOrDefault(conversationId, List.of()));
  }

  /** What the hub does with a receipt: the sent Message-ID becomes a key of the conversation. */
  public synchronized void recordDelivery(
      String conversationId, String keyPrefix, DeliveryReceipt receipt) {
    addKey(conversationId, keyPrefix + receipt.externalId());
  }

  /** Makes every later ingest fail, as a hub whose log is unavailable would. */
  public void failIngest(Throwable failure) {
    ingestFailure = failure;
  }

  private void addKey(String conversation, String key) {
    conversationByKey.putIfAbsent(key, conversation);
    keysByConversation.computeIfAbsent(conversation, c -> new ArrayList<>()).add(key);
  }

  private String customerFor(List<Identity> identities) {
    if (identities.isEmpty()) {
      return "cust-" + ++nextId;
    }
    String key = identities.get(0).value().toLowerCase(Locale.ROOT);
    return customerByIdentity.computeIfAbsent(key, k -> "cust-" + ++nextId);
  }
}
