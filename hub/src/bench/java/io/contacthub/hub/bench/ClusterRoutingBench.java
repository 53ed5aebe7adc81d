package io.contacthub.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routing across two nodes and through the loss of the routing node (not a test; decision 0021): a
 * redis-server and two packaged hubs in cluster mode, agents with streams on both nodes who accept
 * every offer on the node they are connected to. First a steady phase: new chats, taken in
 * alternately by both nodes; it measures the offer (ingest sent to {@code assignment.offered} at
 * the agent) and the accept round trip, each for agents on the routing node and on the other (whose
 * accept travels to the routing node through Redis). Then the routing node is killed with SIGKILL
 * while chats keep coming in on the survivor; its agents reconnect to the survivor, as desktops do,
 * and the bench measures how long routing paused and whether every chat was offered.
 *
 * <pre>
 * mvn -B -q -o -Pbench -pl hub -am integration-test -DskipTests -Dui.skip=true \
 *   -Dbench.main=io.contacthub.hub.bench.ClusterRoutingBench
 * </pre>
 *
 * Options: {@code --agents 20}, {@code --rate 10} (chats/s), {@code --seconds 30} (per phase),
 * {@code --hub-heap 1g}, {@code --work target/bench}, {@code --hub-jar target/contact-hub.jar}.
 */
public final class ClusterRoutingBench {

  private static final Duration SETTLE = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final Map<String, String> tokens;
  private final AgentStreams streams = new AgentStreams();
  private final Map<String, Node> nodeOf = new ConcurrentHashMap<>();
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Node> takenBy = new ConcurrentHashMap<>();
  private final Latencies acceptOnLeader = new Latencies();
  private final Latencies acceptForwarded = new Latencies();
  private final AtomicInteger acceptsFailed = new AtomicInteger();
  private volatile Node leader;
  private volatile boolean timingAccepts = true;

  /** One hub process and the HTTP client the bench and its agents use on it. */
  private record Node(String name, HubProcess process, WebClient http) {}

  private ClusterRoutingBench(Vertx vertx, Map<String, String> tokens) {
    this.vertx = vertx;
    this.tokens = tokens;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchArgs.parse(args);
    int agents = Integer.parseInt(a.getOrDefault("agents", "20"));
    int rate = Integer.parseInt(a.getOrDefault("rate", "10"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
    Path work = Path.of(a.getOrDefault("work", "target/bench")).resolve("cluster-routing");
    Path jar = Path.of(a.getOrDefault("hub-jar", "target/contact-hub.jar"));
    String heap = a.getOrDefault("hub-heap", "1g");

    WorkDir.delete(work);
    Files.createDirectories(work);
    Report report = new Report();
    String loadAtStart = MachineFacts.loadAverage();
    Report.say(
        "Cluster routing benchmark: 2 nodes, %d agents, %d chats/s, %d s per phase",
        agents, rate, seconds);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try (BenchRedis redis = BenchRedis.start(work.resolve("redis"))) {
      Map<String, String> staff = BenchAgents.writeToRedis(redis.url(), agents);
      try (HubProcess a1 =
              HubProcess.clusterNode(jar, work, "node-a", redis.url(), heap, Map.of());
          HubProcess b1 =
              HubProcess.clusterNode(jar, work, "node-b", redis.url(), heap, Map.of())) {
        ClusterRoutingBench bench =
            new ClusterRoutingBench(vertx, BenchAgents.tokens(vertx, staff));
        bench.run(
            report, List.of(bench.open("node-a", a1), bench.open("node-b", b1)), rate, seconds);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    report.detail(MachineFacts.summary("hubs -Xmx" + heap));
    report.detail(MachineFacts.loadSince(loadAtStart));
    report.print(System.out, work.resolve("cluster-routing-report.md"));
  }

  private Node open(String name, HubProcess process) throws InterruptedException {
    HubClient probe = new HubClient(vertx, process.port(), 1);
    HubReadiness.awaitUp(probe, process, Duration.ofMinutes(2));
    probe.close();
    WebClient http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(process.port())
                .setKeepAlive(true)
                .setTcpNoDelay(true));
    return new Node(name, process, http);
  }

  private void run(Report report, List<Node> nodes, int rate, int seconds) throws Exception {
    leader = awaitLeader(nodes);
    Node other = nodes.get(0) == leader ? nodes.get(1) : nodes.get(0);
    Report.say("%s routes", leader.name());

    String admin = login(other, "admin", HubProcess.ADMIN_PASSWORD);
    List<String> logins = new ArrayList<>(tokens.keySet());
    for (int i = 0; i < logins.size(); i++) {
      String login = logins.get(i);
      Node node = nodes.get(i % 2);
      Await.result(
          send(node, "PUT", "/api/v1/agents/" + login + "/profile", admin, profile(), 200));
      nodeOf.put(login, node);
      streams.connect(vertx, node.process().port(), Map.of(login, tokens.get(login)));
    }
    streams.onOffer(this::accept);
    for (String login : logins) {
      Await.result(
          send(
              nodeOf.get(login),
              "PUT",
              "/api/v1/agents/me/presence",
              tokens.get(login),
              new JsonObject().put("presence", "available"),
              200));
    }

    // Steady: chats taken in by both nodes in turn.
    List<String> steady = drive("steady", nodes, rate, seconds);
    awaitOffered(steady);
    Latencies toLeader = new Latencies();
    Latencies toOther = new Latencies();
    int steadyMissing = 0;
    for (String c : steady) {
      AgentStreams.Pop offer = streams.offer(c);
      if (offer == null) {
        steadyMissing++;
        continue;
      }
      (nodeOf.get(offer.login()) == leader ? toLeader : toOther)
          .record(offer.arrivedNanos() - sentAt.get(c));
    }
    report.figure(
        "Offer latency, agent on the routing node, p50 / p99", Report.p50p99(toLeader), "—", null);
    report.figure(
        "Offer latency, agent on the other node (via Redis), p50 / p99",
        Report.p50p99(toOther),
        "—",
        null);
    report.figure(
        "Accept round trip on the routing node, p50 / p99",
        Report.p50p99(acceptOnLeader),
        "—",
        null);
    report.figure(
        "Accept round trip forwarded to the routing node, p50 / p99",
        Report.p50p99(acceptForwarded),
        "—",
        null);
    report.detail(
        String.format(
            Locale.ROOT,
            "steady: %d chats; offers to the routing node's agents %s; to the other node's %s;"
                + " never offered %d",
            steady.size(),
            toLeader.summary(),
            toOther.summary(),
            steadyMissing));

    // Failover: the routing node dies; chats keep coming in on the survivor.
    timingAccepts = false;
    Node dead = leader;
    Node survivor = other;
    List<Node> onlySurvivor = List.of(survivor);
    long[] killedAt = new long[1];
    vertx.setTimer(
        5_000,
        t ->
            vertx.executeBlocking(
                () -> {
                  killedAt[0] = System.nanoTime();
                  dead.process().kill();
                  Report.say("killed %s", dead.name());
                  return null;
                },
                false));
    Thread reconnect =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    reconnectAfterKill(dead, survivor, killedAt);
                  } catch (Exception e) {
                    Report.say("reconnecting agents failed: %s", e);
                  }
                });
    long[] routesAt = new long[1];
    Thread watch =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (killedAt[0] == 0) {
                      TimeUnit.MILLISECONDS.sleep(10);
                    }
                    routesAt[0] = awaitRoutes(survivor);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    List<String> failover = drive("failover", onlySurvivor, rate, seconds);
    reconnect.join();
    watch.join();
    long newLeaderAt = routesAt[0];
    awaitOffered(failover);
    report.detail("survivor's chat queue at the end: " + openItems(survivor, admin));
    report.detail("stream frames received, by type: " + streams.framesByType());

    List<String> afterKill = failover.stream().filter(c -> sentAt.get(c) >= killedAt[0]).toList();
    Latencies failoverOffers = new Latencies();
    long firstOfferAfterKill = Long.MAX_VALUE;
    int never = 0;
    for (String c : afterKill) {
      AgentStreams.Pop offer = streams.offer(c);
      if (offer == null) {
        never++;
        continue;
      }
      failoverOffers.record(offer.arrivedNanos() - sentAt.get(c));
      firstOfferAfterKill = Math.min(firstOfferAfterKill, offer.arrivedNanos());
    }
    report.figure(
        "Routing pause: SIGKILL of the routing node to the first offer after it",
        millis(firstOfferAfterKill - killedAt[0]),
        "—",
        null);
    report.figure(
        "Offer latency of chats sent after the kill, p50 / p99",
        Report.p50p99(failoverOffers),
        "—",
        null);
    report.detail(
        String.format(
            Locale.ROOT,
            "failover: %d chats sent after the kill, all to %s; offers %s; never offered %d;"
                + " survivor reported itself routing %s after the kill",
            afterKill.size(),
            survivor.name(),
            failoverOffers.summary(),
            never,
            millis(newLeaderAt - killedAt[0])));
    report.detail(
        "offer frames repeated for a conversation (offered again after a revoke, or repeated by the new routing node): "
            + streams.repeatedOffers()
            + "; accepts refused or failed: "
            + acceptsFailed.get());
  }

  /** Sends new-visitor chats at {@code rate}/s for {@code seconds}, over the nodes in turn. */
  private List<String> drive(String phase, List<Node> nodes, int rate, int seconds)
      throws InterruptedException {
    List<String> conversations = java.util.Collections.synchronizedList(new ArrayList<>());
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    int total = rate * seconds;
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < total; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      Node node = nodes.get(i % nodes.size());
      String visitor = phase + "-" + i;
      JsonObject chat =
          new JsonObject()
              .put("channel", "webchat")
              .put("externalId", visitor)
              .put("direction", "inbound")
              .put("occurredAt", Instant.now().toString())
              .put(
                  "identities",
                  new JsonArray()
                      .add(new JsonObject().put("type", "visitor").put("value", visitor)))
              .put("text", "hello, my parcel did not arrive");
      long sent = System.nanoTime();
      node.http()
          .post("/api/v1/interactions")
          .putHeader("Authorization", "Bearer " + HubProcess.INGEST_TOKEN)
          .timeout(10_000)
          .sendJsonObject(chat)
          .onSuccess(
              r -> {
                if (r.statusCode() / 100 == 2) {
                  String c = r.bodyAsJsonObject().getString("conversationId");
                  sentAt.put(c, sent);
                  takenBy.put(c, node);
                  conversations.add(c);
                } else {
                  failed.incrementAndGet();
                }
              })
          .onFailure(e -> failed.incrementAndGet());
    }
    Report.say("%s: %d chats sent, %d not acknowledged so far", phase, total, failed.get());
    return conversations;
  }

  /** An agent accepts an offer on the node their desktop is connected to. */
  private void accept(String login, String conversationId) {
    Node node = nodeOf.get(login);
    boolean local = node == leader;
    long start = System.nanoTime();
    send(
            node,
            "POST",
            "/api/v1/conversations/" + conversationId + "/accept",
            tokens.get(login),
            null,
            200)
        .onSuccess(
            r -> {
              if (timingAccepts) {
                (local ? acceptOnLeader : acceptForwarded).record(System.nanoTime() - start);
              }
            })
        .onFailure(e -> acceptsFailed.incrementAndGet());
  }

  /** The dead node's agents reconnect to the survivor once their sockets close. */
  private void reconnectAfterKill(Node dead, Node survivor, long[] killedAt) throws Exception {
    while (killedAt[0] == 0) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    for (Map.Entry<String, Node> e : nodeOf.entrySet()) {
      if (e.getValue() == dead) {
        e.setValue(survivor);
        streams.connect(
            vertx, survivor.process().port(), Map.of(e.getKey(), tokens.get(e.getKey())));
      }
    }
    leader = survivor;
  }

  private Node awaitLeader(List<Node> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (Node n : nodes) {
        if (routes(n)) {
          return n;
        }
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException("no node routes after 60 s");
  }

  /** Polls until the node reports that it routes; the time it first did. */
  private long awaitRoutes(Node node) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (routes(node)) {
        return System.nanoTime();
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new IllegalStateException(node.name() + " does not route after 60 s");
  }

  private boolean routes(Node node) {
    try {
      HttpResponse<Buffer> r = Await.result(node.http().get("/health/ready").timeout(5_000).send());
      return r.bodyAsJsonObject().getBoolean("routes", false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void awaitOffered(List<String> conversations) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline
        && conversations.stream().anyMatch(c -> streams.offer(c) == null)) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** The chat queue's open items by state, and by agent for those offered or assigned. */
  private String openItems(Node node, String token) {
    JsonArray items =
        Await.result(send(node, "GET", "/api/v1/queues/chat", token, null, 200))
            .bodyAsJsonObject()
            .getJsonArray("items");
    Map<String, Integer> byState = new java.util.TreeMap<>();
    Map<String, Integer> byAgent = new java.util.TreeMap<>();
    for (Object o : items) {
      JsonObject w = (JsonObject) o;
      byState.merge(w.getString("state"), 1, Integer::sum);
      if (w.getString("agent") != null) {
        byAgent.merge(w.getString("state") + ":" + w.getString("agent"), 1, Integer::sum);
      }
    }
    return byState + " " + byAgent;
  }

  private String login(Node node, String login, String password) {
    return Await.result(
            send(
                node,
                "POST",
                "/api/v1/auth/login",
                null,
                new JsonObject().put("login", login).put("password", password),
                200))
        .bodyAsJsonObject()
        .getString("accessToken");
  }

  private Future<HttpResponse<Buffer>> send(
      Node node, String method, String path, String token, JsonObject body, int expected) {
    var request = node.http().request(io.vertx.core.http.HttpMethod.valueOf(method), path);
    request.timeout(10_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    Future<HttpResponse<Buffer>> sent =
        body == null ? request.send() : request.sendJsonObject(body);
    return sent.map(r -> HubClient.expect(r, expected));
  }

  private static JsonObject profile() {
    return new JsonObject()
        .put("skills", new JsonArray().add("chat"))
        .put("capacity", new JsonObject().put("webchat", 1000));
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
  }
}
