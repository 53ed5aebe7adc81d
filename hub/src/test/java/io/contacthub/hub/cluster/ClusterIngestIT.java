package io.contacthub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.Interactions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared log across two hub JVMs and a real redis-server: whichever node takes an ingest, both
 * answer the same customers, conversations, timelines and searches with the same ids; identity and
 * threading are decided once for the cluster even when both nodes race on a new identity; while
 * Redis is down ingest answers 503 and it heals by itself; a node killed mid-stream loses nothing
 * it acknowledged and catches up after its restart.
 */
@Timeout(300)
class ClusterIngestIT extends ClusterProcesses {

  /** How long a record may take to show on the other node. */
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

  /** Spelled out, since the test writes national phone numbers. */
  private static final Map<String, String> ENV = Map.of("HUB_IDENTITY_DEFAULT_REGION", "US");

  /** A customer writing on one channel, each message spelling the identity differently. */
  private record Sender(String word, String channel, String type, List<String> spellings) {}

  @Test
  void ingestAlternatingBetweenNodesGivesBothOneCustomerAndOneConversationPerIdentity()
      throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    List<HubNode> nodes = startNodes(redis);
    String token = nodes.getFirst().login("admin", HubNode.ADMIN_PASSWORD);
    List<Sender> senders =
        List.of(
            new Sender(
                "tulip",
                "whatsapp",
                "phone",
                List.of("+1 (415) 555-0100", "415-555-0100", "(415) 555 0100", "+14155550100")),
            new Sender(
                "maple",
                "phone",
                "phone",
                List.of("212.555.0199", "+1 212 555 0199", "2125550199")),
            new Sender(
                "cedar",
                "email",
                "email",
                List.of(
                    "Ada.Lovelace@Example.com",
                    "ada.lovelace@example.com",
                    "ADA.LOVELACE@EXAMPLE.COM")),
            new Sender(
                "birch",
                "email",
                "email",
                List.of("grace@navy.example.org", "Grace@Navy.Example.Org")));

    // Message i of sender s goes to node (s + i) % 2: first contacts land on both nodes, and every
    // customer's next message goes to the node that did not see the last one.
    Map<Sender, List<JsonObject>> acks = new LinkedHashMap<>();
    Map<Sender, List<JsonObject>> sent = new LinkedHashMap<>();
    int rounds = senders.stream().mapToInt(s -> s.spellings().size()).max().orElseThrow();
    for (int i = 0; i < rounds; i++) {
      for (int s = 0; s < senders.size(); s++) {
        Sender sender = senders.get(s);
        if (i < sender.spellings().size()) {
          JsonObject m = senderMessage(sender, i, i);
          acks.computeIfAbsent(sender, k -> new ArrayList<>())
              .add(accepted(nodes.get((s + i) % 2).ingest(m), 201));
          sent.computeIfAbsent(sender, k -> new ArrayList<>()).add(m);
        }
      }
    }
    // One more message each, all in one batch to node B.
    List<JsonObject> batch =
        senders.stream().map(s -> senderMessage(s, 0, s.spellings().size())).toList();
    JsonArray results = accepted(nodes.get(1).ingestBatch(batch), 200).getJsonArray("results");
    for (int s = 0; s < senders.size(); s++) {
      JsonObject r = results.getJsonObject(s);
      assertThat(r.containsKey("error")).as("batch item %d: %s", s, r).isFalse();
      assertThat(r.getBoolean("duplicate")).isFalse();
      acks.get(senders.get(s)).add(r);
      sent.get(senders.get(s)).add(batch.get(s));
    }

    for (Sender sender : senders) {
      List<JsonObject> ofSender = acks.get(sender);
      assertThat(distinct(ofSender, "customerId")).as(sender.word()).hasSize(1);
      assertThat(distinct(ofSender, "conversationId")).as(sender.word()).hasSize(1);
      assertThat(distinct(ofSender, "interactionId")).hasSize(ofSender.size());
      // Idempotency is the cluster's: the other node answers a retry with the original ids.
      JsonObject first = sent.get(sender).getFirst();
      int firstNode = senders.indexOf(sender) % 2;
      JsonObject retry = accepted(nodes.get(1 - firstNode).ingest(first), 200);
      assertThat(retry.getBoolean("duplicate")).isTrue();
      assertThat(retry.getString("interactionId"))
          .isEqualTo(ofSender.getFirst().getString("interactionId"));
      assertThat(retry.getString("customerId"))
          .isEqualTo(ofSender.getFirst().getString("customerId"));
      assertThat(retry.getString("conversationId"))
          .isEqualTo(ofSender.getFirst().getString("conversationId"));
    }
    assertThat(acks.values().stream().map(l -> l.getFirst().getString("customerId")).distinct())
        .hasSize(senders.size());

    Set<String> allIds = new HashSet<>();
    acks.values().forEach(l -> allIds.addAll(distinct(l, "interactionId")));
    eventually(
        nodes,
        node -> {
          for (Sender sender : senders) {
            List<JsonObject> ofSender = acks.get(sender);
            String customerId = ofSender.getFirst().getString("customerId");
            String conversationId = ofSender.getFirst().getString("conversationId");
            for (String spelling : sender.spellings()) {
              assertThat(customerIdOf(node, token, sender.type() + ":" + spelling))
                  .as("%s on %s", spelling, node.name())
                  .isEqualTo(customerId);
            }
            onlyConversation(node, token, customerId, conversationId);
            JsonObject conversation = read(node, token, "/api/v1/conversations/" + conversationId);
            assertThat(conversation.getString("customerId")).isEqualTo(customerId);
            assertThat(conversation.getInteger("interactionCount")).isEqualTo(ofSender.size());
            assertThat(timeline(node, token, customerId))
                .containsExactlyInAnyOrderElementsOf(distinct(ofSender, "interactionId"));
            assertThat(search(node, token, sender.word(), true).ids())
                .containsExactlyInAnyOrderElementsOf(distinct(ofSender, "interactionId"));
          }
          Hits parcels = search(node, token, "parcel", true);
          assertThat(parcels.total()).isEqualTo(allIds.size());
          assertThat(parcels.ids()).containsExactlyInAnyOrderElementsOf(allIds);
        });
    // The same answers, in the same order, from both nodes.
    HubNode a = nodes.get(0);
    HubNode b = nodes.get(1);
    assertThat(search(b, token, "parcel", true)).isEqualTo(search(a, token, "parcel", true));
    Hits relevantOnA = search(a, token, "parcel tulip", false);
    Hits relevantOnB = search(b, token, "parcel tulip", false);
    assertThat(relevantOnB.total()).isEqualTo(relevantOnA.total());
    assertThat(relevantOnB.ids()).containsExactlyInAnyOrderElementsOf(relevantOnA.ids());
    for (List<JsonObject> ofSender : acks.values()) {
      String customerId = ofSender.getFirst().getString("customerId");
      assertThat(timeline(b, token, customerId)).isEqualTo(timeline(a, token, customerId));
    }
  }

  @Test
  void firstContactsRacingOnBothNodesForOneNewIdentityMakeOneCustomerAndOneConversation()
      throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    List<HubNode> nodes = startNodes(redis);
    String token = nodes.getFirst().login("admin", HubNode.ADMIN_PASSWORD);
    int racers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      // A few rounds, each with an identity neither node has seen, to give a race a chance.
      for (int round = 0; round < 4; round++) {
        List<String> spellings =
            List.of("+1 650 555 01" + (10 + round), "650-555-01" + (10 + round));
        CyclicBarrier gate = new CyclicBarrier(racers);
        List<Future<JsonObject>> answers = new ArrayList<>();
        for (int t = 0; t < racers; t++) {
          HubNode node = nodes.get(t % 2);
          JsonObject m =
              message(
                  "whatsapp",
                  "race-" + round + "-" + t,
                  "phone",
                  spellings.get(t / 2 % 2),
                  "parcel race " + round + " from racer " + t);
          answers.add(
              pool.submit(
                  () -> {
                    gate.await(30, TimeUnit.SECONDS);
                    return accepted(node.ingest(m), 201);
                  }));
        }
        List<JsonObject> acks = new ArrayList<>();
        for (Future<JsonObject> f : answers) {
          acks.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(distinct(acks, "customerId")).as("round %d", round).hasSize(1);
        assertThat(distinct(acks, "conversationId")).as("round %d", round).hasSize(1);
        assertThat(distinct(acks, "interactionId")).hasSize(racers);
        String customerId = acks.getFirst().getString("customerId");
        String conversationId = acks.getFirst().getString("conversationId");
        eventually(
            nodes,
            node -> {
              for (String spelling : spellings) {
                assertThat(customerIdOf(node, token, "phone:" + spelling)).isEqualTo(customerId);
              }
              assertThat(
                      onlyConversation(node, token, customerId, conversationId)
                          .getInteger("interactionCount"))
                  .isEqualTo(racers);
              assertThat(timeline(node, token, customerId))
                  .containsExactlyInAnyOrderElementsOf(distinct(acks, "interactionId"));
            });
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whileRedisIsDownIngestAnswers503ThenRecoversByItselfAndNothingAcknowledgedIsLost()
      throws Exception {
    // Redis keeps its data across the restart (AOF, fsync always), as in production.
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), true));
    List<HubNode> nodes = startNodes(redis);
    String token = nodes.getFirst().login("admin", HubNode.ADMIN_PASSWORD);
    Map<String, JsonObject> acked = new LinkedHashMap<>(); // externalId -> its answer
    String phone = "+1 303 555 0142";
    for (int i = 0; i < 4; i++) {
      JsonObject m = message("whatsapp", "before-" + i, "phone", phone, "parcel before " + i);
      acked.put("before-" + i, accepted(nodes.get(i % 2).ingest(m), 201));
    }
    String customerId = acked.get("before-0").getString("customerId");

    redis.kill();
    List<JsonObject> rejected = new ArrayList<>();
    for (HubNode node : nodes) {
      // Until the node notices, an ingest may still be taken: it then counts as acknowledged.
      AtomicInteger attempt = new AtomicInteger();
      AtomicReference<JsonObject> last = new AtomicReference<>();
      AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                String id = "down-" + node.name() + "-" + attempt.incrementAndGet();
                JsonObject m = message("whatsapp", id, "phone", phone, "parcel while down");
                HttpResponse<String> r = node.ingest(m);
                if (r.statusCode() / 100 == 2) {
                  acked.put(id, new JsonObject(r.body()));
                }
                last.set(m);
                answer.set(r);
                assertThat(r.statusCode()).isEqualTo(503);
              });
      HttpResponse<String> r = answer.get();
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
      assertThat(new JsonObject(r.body()).getInteger("status")).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After"))
          .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isNotNegative());
      rejected.add(last.get());
    }

    redis.start();
    // A client retries what was refused, as Retry-After tells it to, until the node takes it.
    for (int n = 0; n < nodes.size(); n++) {
      HubNode node = nodes.get(n);
      JsonObject retried = rejected.get(n);
      AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                answer.set(node.ingest(retried));
                return answer.get().statusCode() != 503;
              });
      acked.put(retried.getString("externalId"), accepted(answer.get(), 201, 200));
    }
    for (int i = 0; i < 4; i++) {
      JsonObject m = message("whatsapp", "after-" + i, "phone", phone, "parcel after " + i);
      acked.put("after-" + i, accepted(nodes.get(i % 2).ingest(m), 201));
    }

    // The identity decided before the outage survived it: still one customer, one conversation.
    assertThat(distinct(acked.values(), "customerId")).containsExactly(customerId);
    assertThat(distinct(acked.values(), "conversationId")).hasSize(1);
    Set<String> ids = distinct(acked.values(), "interactionId");
    assertThat(ids).hasSize(acked.size());
    eventually(
        nodes,
        node -> {
          Hits parcels = search(node, token, "parcel", true);
          assertThat(parcels.total()).isEqualTo(ids.size());
          assertThat(parcels.ids()).containsExactlyInAnyOrderElementsOf(ids);
          assertThat(timeline(node, token, customerId)).containsExactlyInAnyOrderElementsOf(ids);
          assertThat(customerIdOf(node, token, "phone:" + phone)).isEqualTo(customerId);
        });
  }

  @Test
  void aNodeKilledWhileIngestingLosesNothingItAcknowledgedAndCatchesUpAfterItsRestart()
      throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    List<HubNode> nodes = startNodes(redis);
    HubNode a = nodes.get(0);
    HubNode b = nodes.get(1);
    String token = b.login("admin", HubNode.ADMIN_PASSWORD);
    int clients = 4;
    int customers = 10;
    Map<String, JsonObject> sent = new ConcurrentHashMap<>(); // externalId -> the interaction
    Map<String, JsonObject> acked = new ConcurrentHashMap<>(); // externalId -> its answer
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService streamers = Executors.newFixedThreadPool(clients);
    List<Future<?>> streams = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      streams.add(
          streamers.submit(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  String id = "load-" + client + "-" + i;
                  String phone = "+1 720 555 01" + (10 + (client + i) % customers);
                  JsonObject m = message("whatsapp", id, "phone", phone, "parcel load " + i);
                  sent.put(id, m);
                  try {
                    HttpResponse<String> r = a.ingest(m);
                    if (r.statusCode() / 100 == 2) {
                      acked.put(id, new JsonObject(r.body()));
                    }
                  } catch (IOException nodeGone) {
                    return null; // its outcome is unknown: resolved below by a retry
                  }
                }
                return null;
              }));
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> acked.size() >= 100);
    a.kill();
    stop.set(true);
    for (Future<?> f : streams) {
      f.get(60, TimeUnit.SECONDS);
    }
    streamers.shutdown();

    // Node A's client turns to node B and retries everything, acknowledged or not: what node A
    // acknowledged comes back as a duplicate with its ids, the rest is taken now.
    Map<String, String> interactionIds = new LinkedHashMap<>();
    for (Map.Entry<String, JsonObject> e : sent.entrySet()) {
      JsonObject earlier = acked.get(e.getKey());
      JsonObject answer = accepted(b.ingest(e.getValue()), earlier == null ? 201 : 200, 200);
      if (earlier != null) {
        assertThat(answer.getBoolean("duplicate")).as(e.getKey()).isTrue();
        assertThat(answer.getString("interactionId")).isEqualTo(earlier.getString("interactionId"));
        assertThat(answer.getString("customerId")).isEqualTo(earlier.getString("customerId"));
        assertThat(answer.getString("conversationId"))
            .isEqualTo(earlier.getString("conversationId"));
      }
      interactionIds.put(e.getKey(), answer.getString("interactionId"));
    }
    assertThat(new HashSet<>(interactionIds.values())).hasSize(sent.size());
    // Every interaction once on node B: as many hits as interactions sent, no id twice.
    eventually(
        List.of(b),
        node -> {
          Hits parcels = search(node, token, "parcel", true);
          assertThat(parcels.total()).isEqualTo(sent.size());
          assertThat(parcels.ids()).containsExactlyInAnyOrderElementsOf(interactionIds.values());
        });

    a.start(redis.url());
    Hits onB = search(b, token, "parcel", true);
    String someCustomer = acked.values().iterator().next().getString("customerId");
    eventually(
        List.of(a),
        node -> {
          assertThat(search(node, token, "parcel", true)).isEqualTo(onB);
          assertThat(timeline(node, token, someCustomer))
              .isEqualTo(timeline(b, token, someCustomer));
        });
  }

  private List<HubNode> startNodes(RedisServer redis) throws IOException {
    List<HubNode> nodes = HubNode.startAll(List.of("node-a", "node-b"), dir, redis.url(), ENV);
    nodes.forEach(this::track);
    return nodes;
  }

  /** Message {@code n} of a sender, with its identity spelled the {@code spelling}th way. */
  private static JsonObject senderMessage(Sender sender, int spelling, int n) {
    return message(
        sender.channel(),
        sender.word() + "-" + n,
        sender.type(),
        sender.spellings().get(spelling),
        "parcel " + sender.word() + " message " + n);
  }

  private static JsonObject message(
      String channel, String externalId, String identityType, String identity, String text) {
    JsonObject m = Interactions.message(channel, externalId, identityType, identity, text);
    if (channel.equals("phone")) {
      m.put("kind", "call");
    } else if (channel.equals("email")) {
      m.put("subject", "Where is my parcel?");
    }
    return m;
  }

  /** The customer holding {@code identity} ({@code type:value}) as {@code node} answers. */
  private static String customerIdOf(HubNode node, String token, String identity) throws Exception {
    return read(node, token, "/api/v1/customers?identity=" + enc(identity)).getString("customerId");
  }

  /**
   * The customer's conversations as {@code node} lists them must be exactly {@code conversationId};
   * returns its list entry.
   */
  private static JsonObject onlyConversation(
      HubNode node, String token, String customerId, String conversationId) throws Exception {
    JsonArray conversations =
        read(node, token, "/api/v1/customers/" + customerId + "/conversations")
            .getJsonArray("items");
    assertThat(conversations).hasSize(1);
    assertThat(conversations.getJsonObject(0).getString("conversationId"))
        .isEqualTo(conversationId);
    return conversations.getJsonObject(0);
  }

  /** The JSON answer of an ingest, which must have one of {@code statuses}. */
  private static JsonObject accepted(HttpResponse<String> r, int... statuses) {
    assertThat(r.statusCode())
        .as("%s answered %s", r.uri(), r.body())
        .isIn(Arrays.stream(statuses).boxed().toList());
    return new JsonObject(r.body());
  }

  private static Set<String> distinct(Collection<JsonObject> answers, String field) {
    return answers.stream().map(a -> a.getString(field)).collect(Collectors.toSet());
  }

  private static JsonObject read(HubNode node, String token, String pathAndQuery) throws Exception {
    HttpResponse<String> r = node.get(pathAndQuery, token);
    assertThat(r.statusCode())
        .as("%s on %s: %s", pathAndQuery, node.name(), r.body())
        .isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** The interaction ids of a customer's timeline, newest first. */
  private static List<String> timeline(HubNode node, String token, String customerId)
      throws Exception {
    return ids(
        read(node, token, "/api/v1/customers/" + customerId + "/timeline?limit=200")
            .getJsonArray("items"));
  }

  /** A search's total and every hit's interaction id, all pages. */
  private record Hits(long total, List<String> ids) {}

  private static Hits search(HubNode node, String token, String q, boolean byTime)
      throws Exception {
    String base =
        "/api/v1/search?limit=200&q=" + enc(q) + (byTime ? "&sort=time" : "&sort=relevance");
    JsonObject page = read(node, token, base);
    long total = page.getLong("total");
    List<String> ids = new ArrayList<>(ids(page.getJsonArray("hits")));
    while (page.getString("nextCursor") != null && !page.getJsonArray("hits").isEmpty()) {
      page = read(node, token, base + "&cursor=" + enc(page.getString("nextCursor")));
      ids.addAll(ids(page.getJsonArray("hits")));
    }
    return new Hits(total, ids);
  }

  private static List<String> ids(JsonArray items) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(items.getJsonObject(i).getString("interactionId"));
    }
    return ids;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private interface NodeCheck {
    void check(HubNode node) throws Exception;
  }

  /** Waits, node after node, until {@code check} passes on it. */
  private static void eventually(List<HubNode> nodes, NodeCheck check) {
    for (HubNode node : nodes) {
      Awaitility.await(node.name())
          .atMost(VISIBLE_WITHIN)
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> check.check(node));
    }
  }
}
