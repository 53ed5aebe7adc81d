package io.contacthub.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many concurrent chat sockets on one hub: the packaged hub in its own JVM, the visitors here (a
 * separate process). Measures the visitor's round trip (a message sent until it comes back as a
 * durable, sequenced frame: ingest, fsync, index, read-back, push) with one socket open (the
 * baseline) and with {@code --connections} open, and the hub's heap per open socket.
 *
 * <pre>
 * java -cp {test classpath} io.contacthub.hub.bench.WebchatBench --jar hub/target/contact-hub.jar \
 *     --connections 5000 --messages 1000 --rate 50
 * </pre>
 */
public final class WebchatBench {

  private static final String ORIGIN = "http://bench.example";

  private final Vertx vertx = Vertx.vertx();
  private final WebSocketClient client;
  private final int port;
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final AtomicLong lost = new AtomicLong();

  private WebchatBench(int port) {
    this.port = port;
    this.client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(100_000).setConnectTimeout(60_000));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path jar = Path.of(opts.getOrDefault("jar", "target/contact-hub.jar"));
    int connections = Integer.parseInt(opts.getOrDefault("connections", "5000"));
    int messages = Integer.parseInt(opts.getOrDefault("messages", "1000"));
    int rate = Integer.parseInt(opts.getOrDefault("rate", "50"));
    String heap = opts.getOrDefault("hub-heap", "1g");
    Path work = Files.createTempDirectory("webchat-bench-");
    Path config = work.resolve("hub.yaml");
    Files.writeString(config, benchConfig(), StandardCharsets.UTF_8);
    try (HubProcess hub =
        HubProcess.start(
            jar,
            work,
            work.resolve("data"),
            heap,
            List.of(),
            List.of("--config", config.toString()),
            work.resolve("hub.log"))) {
      WebchatBench bench = new WebchatBench(hub.port());
      HubReadiness.awaitUp(
          new HubClient(bench.vertx, hub.port(), 1), hub, java.time.Duration.ofMinutes(3));
      bench.run(hub, connections, messages, rate);
      bench.vertx.close().await();
    }
  }

  private void run(HubProcess hub, int connections, int messages, int rate) throws Exception {
    List<WebSocket> one = open(1);
    roundTrips(one, 50, 20); // warm-up: JIT, the first index segments
    Latencies baseline = roundTrips(one, Math.min(messages, 200), Math.min(rate, 20));
    System.out.println("baseline (1 socket):          " + baseline.summary());
    long heapBefore = hub.heapUsedAfterGc();

    long t0 = System.nanoTime();
    List<WebSocket> many = open(connections);
    System.out.printf(
        Locale.ROOT,
        "opened %d sockets (hello/welcome each) in %.1f s%n",
        many.size(),
        (System.nanoTime() - t0) / 1e9);
    long heapAfter = hub.heapUsedAfterGc();
    System.out.printf(
        Locale.ROOT,
        "hub heap after GC: %.1f MB with 1 socket, %.1f MB with %d more: %.1f KB per socket%n",
        heapBefore / 1e6,
        heapAfter / 1e6,
        many.size(),
        (heapAfter - heapBefore) / 1024.0 / many.size());
    Latencies loaded = roundTrips(many, messages, rate);
    System.out.println("with " + many.size() + " sockets open: " + loaded.summary());
    System.out.println("lost (no echo within 30 s): " + lost.get());
  }

  /** Opens sockets, at most 200 handshakes in flight, each through hello and welcome. */
  private List<WebSocket> open(int count) throws Exception {
    List<WebSocket> open = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(200);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      connect()
          .onComplete(
              (ws, e) -> {
                if (ws != null) {
                  open.add(ws);
                } else {
                  System.err.println("connect failed: " + e.getMessage());
                }
                inFlight.release();
                done.countDown();
              });
    }
    done.await(10, TimeUnit.MINUTES);
    return new ArrayList<>(open);
  }

  private Future<WebSocket> connect() {
    Promise<WebSocket> welcomed = Promise.promise();
    client
        .connect(
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/channels/webchat/socket?site=bench")
                .addHeader("Origin", ORIGIN))
        .onFailure(welcomed::tryFail)
        .onSuccess(
            ws -> {
              ws.textMessageHandler(
                  text -> {
                    JsonObject f = new JsonObject(text);
                    String type = f.getString("type");
                    if ("welcome".equals(type)) {
                      welcomed.tryComplete(ws);
                    } else if ("message".equals(type) && f.getString("clientId") != null) {
                      echoed(f.getString("clientId"));
                    }
                  });
              ws.writeTextMessage(new JsonObject().put("type", "hello").encode());
            });
    return welcomed.future();
  }

  private final Map<String, Latencies> recording = new ConcurrentHashMap<>();

  private void echoed(String clientId) {
    Long start = sentAt.remove(clientId);
    Latencies into = recording.get("current");
    if (start != null && into != null) {
      into.record(System.nanoTime() - start);
    }
  }

  /** Sends {@code count} messages open-loop at {@code rate}/s on random sockets. */
  private Latencies roundTrips(List<WebSocket> sockets, int count, int rate)
      throws InterruptedException {
    Latencies latencies = new Latencies();
    recording.put("current", latencies);
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not synchronizing
      }
      next += interval;
      WebSocket ws = sockets.get(ThreadLocalRandom.current().nextInt(sockets.size()));
      String clientId = "b" + i + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
      sentAt.put(clientId, System.nanoTime());
      ws.writeTextMessage(
          new JsonObject()
              .put("type", "message")
              .put("clientId", clientId)
              .put("text", "bench message " + i)
              .encode());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (latencies.count() < count && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50); // waiting for stragglers at the end of the run
    }
    lost.addAndGet(count - latencies.count());
    sentAt.clear();
    return latencies;
  }

  /**
   * The bundled configuration (the environment overrides only keys a file has) with one site and
   * limits no single-address load generator trips.
   */
  private static String benchConfig() throws java.io.IOException {
    try (java.io.InputStream in =
        WebchatBench.class.getClassLoader().getResourceAsStream("config/hub.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return yaml.replace(
              "  sites: []\n", "  sites:\n    - id: bench\n      origins: [\"" + ORIGIN + "\"]\n")
          .replace("visitorPerMinute: 30", "visitorPerMinute: 100000")
          .replace("ipPerMinute: 120", "ipPerMinute: 100000000");
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return o;
  }
}
