package io.contacthub.hub.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The screen-pop benchmark of the phone channel (not a test): the packaged hub in its own JVM,
 * 1,000 agents holding the live stream open in this one, each narrowing it with {@code
 * stream.filter} {@code mine} as the agent desktop does, calls ringing through the generic CTI
 * webhook at 100/s, each naming one agent; measures the time from the CTI request to that agent's
 * {@code screen_pop} frame. The baseline, in the same run and with the same agents connected, is a
 * quiet phase of a few calls a second: what a pop costs without load. A last phase puts 5% of the
 * agents back on {@code all} (every call's events), as API clients or supervisors would be.
 *
 * <pre>
 * mvn -B -q -Pbench -pl hub -am integration-test -DskipTests \
 *   -Dbench.main=io.contacthub.hub.bench.ScreenPopBench [-Dbench.scale=0.5]
 * </pre>
 *
 * Options: {@code --scale} (of the 60 s load phase), {@code --agents 1000}, {@code --rate 100},
 * {@code --hub-heap 2g}, {@code --work target/bench}, {@code --hub-jar target/contact-hub.jar}.
 */
public final class ScreenPopBench {

  private static final String CTI_TOKEN = "bench-cti-token-0123456789";
  private static final int FULL_SECONDS = 60;
  private static final int BASELINE_RATE = 5;
  private static final int BASELINE_SECONDS = 10;
  private static final int HISTORY_PER_CUSTOMER = 5;
  private static final int UNFILTERED_PERCENT = 5;
  private static final long SETTLE_MILLIS = 3_000;

  /** One phase's calls, and what it cost: frames to the agents, hub CPU, the machine's load. */
  private record Phase(
      String name,
      CallDriver.Result result,
      long frames,
      double hubCpuSeconds,
      String loadBefore,
      String loadAfter) {

    static Phase run(
        CallDriver driver, AgentStreams streams, HubProcess hub, String name, int rate, int seconds)
        throws InterruptedException {
      String load = MachineFacts.loadAverage();
      long frames = streams.frames();
      double cpu = CpuTime.seconds(hub.pid());
      CallDriver.Result r = driver.run(name, rate, seconds);
      // The hang-ups' events land before the next phase counts.
      Thread.sleep(SETTLE_MILLIS);
      return new Phase(
          name,
          r,
          streams.frames() - frames,
          CpuTime.seconds(hub.pid()) - cpu,
          load,
          MachineFacts.loadAverage());
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchArgs.parse(args);
    double scale = Double.parseDouble(a.getOrDefault("scale", "1"));
    int agents = Integer.parseInt(a.getOrDefault("agents", "1000"));
    int rate = Integer.parseInt(a.getOrDefault("rate", "100"));
    int seconds = (int) Math.max(5, Math.round(FULL_SECONDS * scale));
    Path work = Path.of(a.getOrDefault("work", "target/bench"));
    Path jar = Path.of(a.getOrDefault("hub-jar", "target/contact-hub.jar"));
    String heap = a.getOrDefault("hub-heap", "2g");
    run(work, jar, heap, agents, rate, seconds);
  }

  private static void run(Path work, Path jar, String heap, int agents, int rate, int seconds)
      throws Exception {
    Report report = new Report();
    String loadAtStart = MachineFacts.loadAverage();
    Report.say("Screen-pop benchmark: %d agents, %d calls/s for %d s", agents, rate, seconds);
    Path data = work.resolve("screen-pop-data");
    WorkDir.delete(data);
    Map<String, String> staff = BenchAgents.write(data, agents);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try (HubProcess hub =
            HubProcess.start(
                jar,
                work,
                data,
                heap,
                java.util.List.of(),
                work.resolve("screen-pop-hub.log"),
                Map.of(
                    "HUB_PHONE_CTI_TOKEN",
                    CTI_TOKEN,
                    "HUB_AUTH_JWT_SECRET",
                    BenchAgents.JWT_SECRET),
                java.util.List.of());
        HubClient client = new HubClient(vertx, hub.port(), 8)) {
      HubReadiness.awaitUp(client, hub, Duration.ofMinutes(2));
      Report.say("seeding %d known callers with history", CallDriver.CALLERS / 2);
      seedCustomers(client);
      HubReadiness.awaitIndexed(client, Duration.ofMinutes(2));
      Report.say("connecting %d agent streams", agents);
      AgentStreams streams = new AgentStreams();
      streams.connect(vertx, hub.port(), BenchAgents.tokens(vertx, staff));
      // As the agent desktop does: each agent narrows its stream to its own conversations.
      List<String> logins = BenchAgents.logins(staff);
      streams.filter(logins, "mine");
      CallDriver driver = new CallDriver(vertx, hub.port(), CTI_TOKEN, streams, staff);
      Report.say(
          "baseline: %d calls/s for %d s, every agent on 'mine'", BASELINE_RATE, BASELINE_SECONDS);
      Phase quiet = Phase.run(driver, streams, hub, "quiet", BASELINE_RATE, BASELINE_SECONDS);
      Report.say("load: %d calls/s for %d s, every agent on 'mine'", rate, seconds);
      Phase mine = Phase.run(driver, streams, hub, "load-mine", rate, seconds);
      List<String> unfiltered =
          logins.subList(0, Math.max(1, logins.size() * UNFILTERED_PERCENT / 100));
      streams.filter(unfiltered, "all");
      Report.say(
          "load: %d calls/s for %d s, %d agents back on 'all'", rate, seconds, unfiltered.size());
      Phase someAll = Phase.run(driver, streams, hub, "load-5pct-all", rate, seconds);
      report.figure(
          "Screen-pop, " + BASELINE_RATE + " calls/s (baseline, all on 'mine') p50 / p99",
          Report.p50p99(quiet.result().pop()),
          "—",
          null);
      report.figure(
          "Screen-pop, " + rate + " calls/s, " + agents + " agents on 'mine' p50 / p99",
          Report.p50p99(mine.result().pop()),
          "p99 ≤ 50 ms",
          mine.result().pop().millisAt(99) <= 50 && mine.result().lost() == 0);
      report.figure(
          "Screen-pop, "
              + rate
              + " calls/s, "
              + unfiltered.size()
              + " of "
              + agents
              + " agents on 'all' p50 / p99",
          Report.p50p99(someAll.result().pop()),
          "p99 ≤ 50 ms",
          someAll.result().pop().millisAt(99) <= 50 && someAll.result().lost() == 0);
      for (Phase x : List.of(quiet, mine, someAll)) {
        CallDriver.Result r = x.result();
        report.detail(
            String.format(
                Locale.ROOT,
                "%s: %d calls, pop %s, max %.1f ms; CTI answer %s; lost %d, to a wrong agent %d,"
                    + " failed %d; frames received %d (%.1f per call); hub CPU %.2f s (%.2f ms per"
                    + " call); load average %s -> %s",
                x.name(),
                r.calls(),
                r.pop().summary(),
                r.pop().maxMillis(),
                r.ctiAnswer().summary(),
                r.lost(),
                r.wrongAgent(),
                r.failed(),
                x.frames(),
                (double) x.frames() / r.calls(),
                x.hubCpuSeconds(),
                x.hubCpuSeconds() * 1000 / r.calls(),
                x.loadBefore(),
                x.loadAfter()));
      }
      report.detail(MachineFacts.summary("hub -Xmx" + heap));
      report.detail(MachineFacts.loadSince(loadAtStart));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      WorkDir.delete(data);
    }
    Files.createDirectories(work);
    report.print(System.out, work.resolve("screen-pop-report.md"));
  }

  /** Half the callers are known: an email customer with their phone number and some history. */
  private static void seedCustomers(HubClient client) {
    JsonArray items = new JsonArray();
    for (int c = 0; c < CallDriver.CALLERS; c += 2) {
      for (int n = 0; n < HISTORY_PER_CUSTOMER; n++) {
        items.add(
            new JsonObject()
                .put("channel", "email")
                .put("externalId", "seed-" + c + "-" + n)
                .put("direction", "inbound")
                .put("occurredAt", Instant.now().minusSeconds(3600L * (n + 1)).toString())
                .put(
                    "identities",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("type", "email")
                                .put("value", "c" + c + "@example.com"))
                        .add(
                            new JsonObject()
                                .put("type", "phone")
                                .put("value", "+" + CallDriver.caller(c))))
                .put("subject", "Order " + c)
                .put("text", "Question " + n + " about order " + c));
        if (items.size() == 500) {
          send(client, items);
          items = new JsonArray();
        }
      }
    }
    if (!items.isEmpty()) {
      send(client, items);
    }
  }

  private static void send(HubClient client, JsonArray items) {
    HubClient.expect(
        Await.result(
            client.ingestBatch(Buffer.buffer(new JsonObject().put("items", items).encode()))),
        200);
  }
}
