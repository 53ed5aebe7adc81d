package io.contacthub.connector.phone.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Screen-pop latency under load, measured from outside the hub: N agents hold the live stream
 * (WebSocket) open, calls ring through the generic CTI webhook at a fixed rate, each for one agent,
 * and the time from sending the CTI request to that agent receiving the {@code screen_pop} frame is
 * recorded. Not a test: run it against a running hub (or {@link StandInHub}).
 *
 * <pre>
 * mvn -q -pl connectors/phone exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.contacthub.connector.phone.bench.ScreenPopBench \
 *   -Dexec.args="--hub http://127.0.0.1:8080 --admin-password ... --cti-token ... \
 *                --agents 1000 --rate 100 --seconds 30"
 * </pre>
 *
 * It creates agents {@code bench-0001..} with {@code POST /api/v1/users} (an existing one is
 * reused), logs each in with {@code POST /api/v1/auth/login}, and connects {@code
 * /api/v1/stream?access_token=}. Calls are sent open-loop on a schedule, so a slow hub shows as
 * latency rather than as a lower rate. Callers cycle through 2,000 numbers from {@code +4930
 * 10000000}; with {@link StandInHub}'s seed, half are known customers with history.
 */
public final class ScreenPopBench {

  private record Agent(String login, String displayName) {}

  private final Map<String, String> args;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, String> expectedAgent = new ConcurrentHashMap<>();
  private final List<Long> latenciesMicros =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger wrongAgent = new AtomicInteger();
  private final AtomicInteger failedRequests = new AtomicInteger();
  private volatile CountDownLatch popsExpected = new CountDownLatch(0);

  private ScreenPopBench(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    new ScreenPopBench(a).run();
  }

  private void run() throws Exception {
    URI hub = URI.create(args.getOrDefault("hub", "http://127.0.0.1:8080"));
    int agents = Integer.parseInt(args.getOrDefault("agents", "1000"));
    int rate = Integer.parseInt(args.getOrDefault("rate", "100"));
    int seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
    String ctiToken = required("cti-token");
    String agentPassword = args.getOrDefault("agent-password", "bench-password-1");
    WebClient web = WebClient.create(vertx);
    try {
      String admin = adminToken(web, hub);
      List<Agent> staff = new ArrayList<>();
      for (int i = 1; i <= agents; i++) {
        staff.add(new Agent(String.format("bench-%04d", i), String.format("Bench Agent %04d", i)));
      }
      System.out.printf("creating and logging in %d agents...%n", agents);
      Map<String, String> tokens = loginAll(web, hub, admin, staff, agentPassword);
      System.out.printf("connecting %d streams...%n", agents);
      connectAll(hub, tokens);
      System.out.printf("ringing %d calls/s for %d s...%n", rate, seconds);
      drive(hub, ctiToken, staff, rate, seconds);
      report(rate * seconds);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private String adminToken(WebClient web, URI hub) throws Exception {
    if (args.containsKey("admin-token")) {
      return args.get("admin-token");
    }
    JsonObject body =
        new JsonObject()
            .put("login", args.getOrDefault("admin-login", "admin"))
            .put("password", required("admin-password"));
    var r =
        web.postAbs(hub.resolve("/api/v1/auth/login").toString())
            .sendJsonObject(body)
            .await(30, TimeUnit.SECONDS);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("admin login: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("accessToken");
  }

  private Map<String, String> loginAll(
      WebClient web, URI hub, String admin, List<Agent> staff, String password) throws Exception {
    Map<String, String> tokens = new ConcurrentHashMap<>();
    // Twenty at a time: password hashing is deliberately slow on the hub.
    for (int from = 0; from < staff.size(); from += 20) {
      List<Future<?>> batch = new ArrayList<>();
      for (Agent a : staff.subList(from, Math.min(from + 20, staff.size()))) {
        JsonObject user =
            new JsonObject()
                .put("login", a.login())
                .put("password", password)
                .put("displayName", a.displayName())
                .put("role", "agent");
        batch.add(
            web.postAbs(hub.resolve("/api/v1/users").toString())
                .bearerTokenAuthentication(admin)
                .sendJsonObject(user)
                .compose(
                    created ->
                        web.postAbs(hub.resolve("/api/v1/auth/login").toString())
                            .sendJsonObject(
                                new JsonObject().put("login", a.login()).put("password", password)))
                .map(
                    r -> {
                      if (r.statusCode() != 200) {
                        throw new IllegalStateException(
                            a.login() + " login: " + r.statusCode() + " " + r.bodyAsString());
                      }
                      tokens.put(a.login(), r.bodyAsJsonObject().getString("accessToken"));
                      return r;
                    }));
      }
      Future.all(batch).await(120, TimeUnit.SECONDS);
    }
    return tokens;
  }

  private void connectAll(URI hub, Map<String, String> tokens) throws Exception {
    WebSocketClient ws =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(tokens.size()));
    CountDownLatch hello = new CountDownLatch(tokens.size());
    List<Future<WebSocket>> connecting = new ArrayList<>();
    tokens.forEach(
        (login, token) ->
            connecting.add(
                ws.connect(
                        new WebSocketConnectOptions()
                            .setHost(hub.getHost())
                            .setPort(hub.getPort())
                            .setURI("/api/v1/stream?access_token=" + token))
                    .onSuccess(
                        socket ->
                            socket.textMessageHandler(
                                text -> frame(login, new JsonObject(text), hello)))));
    Future.all(connecting).await(120, TimeUnit.SECONDS);
    if (!hello.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(hello.getCount() + " streams sent no hello");
    }
  }

  private void frame(String login, JsonObject frame, CountDownLatch hello) {
    long now = System.nanoTime();
    String type = frame.getString("type");
    if ("hello".equals(type)) {
      hello.countDown();
    } else if ("screen_pop".equals(type)) {
      String callId = frame.getJsonObject("payload").getString("callId");
      Long sent = sentAt.remove(callId);
      if (sent != null) {
        latenciesMicros.add((now - sent) / 1000);
        popsExpected.countDown();
        if (!login.equals(expectedAgent.get(callId))) {
          wrongAgent.incrementAndGet();
        }
      }
    }
  }

  private void drive(URI hub, String ctiToken, List<Agent> staff, int rate, int seconds)
      throws Exception {
    HttpClient http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost(hub.getHost()).setDefaultPort(hub.getPort()),
            new PoolOptions().setHttp1MaxSize(64));
    String path = "/channels/phone/cti/" + ctiToken;
    String run = Long.toString(System.currentTimeMillis(), 36);
    int total = rate * seconds;
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    popsExpected = new CountDownLatch(total);
    long start = System.nanoTime();
    long tick =
        vertx.setPeriodic(
            5,
            id -> {
              long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
              while (next.get() < Math.min(due, total)) {
                int i = next.getAndIncrement();
                Agent agent = staff.get(i % staff.size());
                String callId = "bench-" + run + "-" + i;
                expectedAgent.put(callId, agent.login());
                ring(http, path, callId, agent, i).onComplete(ar -> done.countDown());
              }
            });
    done.await(seconds + 120L, TimeUnit.SECONDS);
    vertx.cancelTimer(tick);
    // Pops still in flight get a moment to arrive before counting them as lost.
    popsExpected.await(5, TimeUnit.SECONDS);
  }

  private Future<?> ring(HttpClient http, String path, String callId, Agent agent, int i) {
    JsonObject newCall =
        new JsonObject()
            .put("event", "newCall")
            .put("from", String.format("4930%08d", 10_000_000 + i % 2000))
            .put("to", "492214710334")
            .put("direction", "in")
            .put("callId", callId)
            .put("user", new JsonArray().add(agent.displayName()));
    Buffer body = newCall.toBuffer();
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path))
        .compose(
            req -> {
              req.putHeader("Content-Type", "application/json");
              sentAt.put(callId, System.nanoTime());
              return req.send(body);
            })
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onSuccess(
            status -> {
              if (status != 200) {
                failedRequests.incrementAndGet();
              }
            })
        .onFailure(e -> failedRequests.incrementAndGet());
  }

  private void report(int calls) {
    long[] sorted;
    synchronized (latenciesMicros) {
      sorted = latenciesMicros.stream().mapToLong(Long::longValue).toArray();
    }
    Arrays.sort(sorted);
    System.out.printf(
        "calls %d, pops received %d, lost %d, to a wrong agent %d, failed CTI requests %d%n",
        calls, sorted.length, sentAt.size(), wrongAgent.get(), failedRequests.get());
    if (sorted.length > 0) {
      System.out.printf(
          "CTI request -> screen_pop frame: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          percentile(sorted, 50),
          percentile(sorted, 90),
          percentile(sorted, 99),
          sorted[sorted.length - 1] / 1000.0);
    }
  }

  private static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1000.0;
  }

  private String required(String key) {
    String v = args.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }
}
