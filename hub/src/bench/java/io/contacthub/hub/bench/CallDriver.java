package io.contacthub.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rings calls through the generic CTI webhook open-loop at a fixed rate (a slow hub shows as
 * latency, not as a lower rate), each naming one agent in {@code user[]}, and measures the time
 * from sending the {@code newCall} to that agent's {@code screen_pop} frame. Each call is hung up
 * once its pop arrived, as a caller would, so calls do not pile up in the hub.
 */
final class CallDriver {

  /** The callers: numbers {@code +4930 10000000..}, the even ones known customers. */
  static final int CALLERS = 2_000;

  static String caller(int i) {
    return String.format(Locale.ROOT, "4930%08d", 10_000_000 + i % CALLERS);
  }

  /** What one phase measured. */
  record Result(
      int calls, Latencies pop, Latencies ctiAnswer, int lost, int wrongAgent, int failed) {}

  private final Vertx vertx;
  private final HttpClient http;
  private final String path;
  private final AgentStreams streams;
  private final Map<String, String> agents;
  private final List<String> logins;

  CallDriver(
      Vertx vertx, int port, String ctiToken, AgentStreams streams, Map<String, String> agents) {
    this.vertx = vertx;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(true)
                .setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
    this.path = "/channels/phone/cti/" + ctiToken;
    this.streams = streams;
    this.agents = agents;
    this.logins = List.copyOf(agents.keySet());
  }

  Result run(String phase, int rate, int seconds) throws InterruptedException {
    int total = rate * seconds;
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, String> target = new ConcurrentHashMap<>();
    Map<String, Integer> callerOf = new ConcurrentHashMap<>();
    Latencies pop = new Latencies();
    Latencies answer = new Latencies();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch answered = new CountDownLatch(total);
    long start = System.nanoTime();
    long tick =
        vertx.setPeriodic(
            2,
            id -> {
              long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
              while (next.get() < Math.min(due, total)) {
                int i = next.getAndIncrement();
                String login = logins.get(i % logins.size());
                String callId = phase + "-" + i;
                target.put(callId, login);
                callerOf.put(callId, i);
                long sent = System.nanoTime();
                sentAt.put(callId, sent);
                post(newCall(callId, i, agents.get(login)))
                    .onComplete(
                        ar -> {
                          if (ar.succeeded() && ar.result() == 200) {
                            answer.record(System.nanoTime() - sent);
                          } else {
                            failed.incrementAndGet();
                          }
                          answered.countDown();
                        });
              }
            });
    answered.await(seconds + 30L, TimeUnit.SECONDS);
    vertx.cancelTimer(tick);
    // Pops still in flight get a moment before they count as lost.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline && !allPopped(sentAt.keySet())) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    int lost = 0;
    int wrong = 0;
    for (Map.Entry<String, Long> e : sentAt.entrySet()) {
      AgentStreams.Pop p = streams.pop(e.getKey());
      if (p == null) {
        lost++;
        continue;
      }
      pop.record(p.arrivedNanos() - e.getValue());
      if (!p.login().equals(target.get(e.getKey()))) {
        wrong++;
      }
      post(hangup(e.getKey(), callerOf.get(e.getKey())));
    }
    return new Result(total, pop, answer, lost, wrong, failed.get());
  }

  private boolean allPopped(java.util.Set<String> callIds) {
    return callIds.stream().allMatch(id -> streams.pop(id) != null);
  }

  private static JsonObject newCall(String callId, int i, String agentName) {
    return new JsonObject()
        .put("event", "newCall")
        .put("from", caller(i))
        .put("to", "492214710334")
        .put("direction", "in")
        .put("callId", callId)
        .put("user", new JsonArray().add(agentName));
  }

  private static JsonObject hangup(String callId, int i) {
    return new JsonObject()
        .put("event", "hangup")
        .put("from", caller(i))
        .put("to", "492214710334")
        .put("direction", "in")
        .put("callId", callId)
        .put("cause", "cancel");
  }

  private Future<Integer> post(JsonObject event) {
    Buffer body = event.toBuffer();
    // A request the hub never answers counts as failed after 10 s instead of stalling the phase.
    return http.request(
            new RequestOptions().setMethod(HttpMethod.POST).setURI(path).setIdleTimeout(10_000))
        .compose(req -> req.putHeader("Content-Type", "application/json").send(body))
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }
}
