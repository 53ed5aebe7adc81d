package io.contacthub.hub.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Screen-pop latency across two nodes (not a test): a redis-server and two packaged hubs in cluster
 * mode, the agents' streams all on node B. In the same run, calls are first posted to node B (the
 * pop stays on one node: the baseline), then to node A (the pop travels through Redis pub/sub to
 * node B). Every call is a new caller, stored through the shared log.
 *
 * <pre>
 * mvn -B -q -Pbench -pl hub -am integration-test -DskipTests \
 *   -Dbench.main=io.contacthub.hub.bench.ClusterScreenPopBench
 * </pre>
 *
 * Options: {@code --agents 200}, {@code --rate 20}, {@code --seconds 20}, {@code --hub-heap 1g},
 * {@code --work target/bench}, {@code --hub-jar target/contact-hub.jar}.
 */
public final class ClusterScreenPopBench {

  private static final String CTI_TOKEN = "bench-cti-token-0123456789";

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchArgs.parse(args);
    int agents = Integer.parseInt(a.getOrDefault("agents", "200"));
    int rate = Integer.parseInt(a.getOrDefault("rate", "20"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
    Path work = Path.of(a.getOrDefault("work", "target/bench"));
    Path jar = Path.of(a.getOrDefault("hub-jar", "target/contact-hub.jar"));
    String heap = a.getOrDefault("hub-heap", "1g");
    run(work.resolve("cluster-screen-pop"), jar, heap, agents, rate, seconds);
  }

  private static void run(Path work, Path jar, String heap, int agents, int rate, int seconds)
      throws Exception {
    WorkDir.delete(work);
    Files.createDirectories(work);
    Report report = new Report();
    String loadAtStart = MachineFacts.loadAverage();
    Report.say(
        "Cluster screen-pop benchmark: 2 nodes, %d agents on node B, %d calls/s for %d s per phase",
        agents, rate, seconds);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try (BenchRedis redis = BenchRedis.start(work.resolve("redis"))) {
      // Users are shared through Redis: both nodes know the agents (node A to target the pop).
      Map<String, String> staff = BenchAgents.writeToRedis(redis.url(), agents);
      try (HubProcess nodeA =
              HubProcess.clusterNode(
                  jar,
                  work,
                  "node-a",
                  redis.url(),
                  heap,
                  Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN));
          HubProcess nodeB =
              HubProcess.clusterNode(
                  jar,
                  work,
                  "node-b",
                  redis.url(),
                  heap,
                  Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN));
          HubClient clientA = new HubClient(vertx, nodeA.port(), 2);
          HubClient clientB = new HubClient(vertx, nodeB.port(), 2)) {
        HubReadiness.awaitUp(clientA, nodeA, Duration.ofMinutes(2));
        HubReadiness.awaitUp(clientB, nodeB, Duration.ofMinutes(2));
        AgentStreams streams = new AgentStreams();
        streams.connect(vertx, nodeB.port(), BenchAgents.tokens(vertx, staff));
        long[] pids = {nodeA.pid(), nodeB.pid(), redis.pid()};

        double cpu0 = CpuTime.total(pids);
        CallDriver.Result same =
            new CallDriver(vertx, nodeB.port(), CTI_TOKEN, streams, staff)
                .run("same-node", rate, seconds);
        double cpu1 = CpuTime.total(pids);
        CallDriver.Result cross =
            new CallDriver(vertx, nodeA.port(), CTI_TOKEN, streams, staff)
                .run("cross-node", rate, seconds);
        double cpu2 = CpuTime.total(pids);
        // The driver counts a pop more than 5 s late as lost; tell late from never.
        int late =
            arrivedLate(streams, "same-node", same) + arrivedLate(streams, "cross-node", cross);

        report.figure(
            "Screen-pop, call posted to the agents' node (baseline) p50 / p99",
            Report.p50p99(same.pop()),
            "—",
            null);
        report.figure(
            "Screen-pop, call posted to the other node (via Redis) p50 / p99",
            Report.p50p99(cross.pop()),
            "—",
            null);
        for (var r : List.of(Map.entry("same-node", same), Map.entry("cross-node", cross))) {
          CallDriver.Result x = r.getValue();
          report.detail(
              String.format(
                  Locale.ROOT,
                  "%s: %d calls, pop %s; CTI answer %s; lost %d, to a wrong agent %d, failed %d",
                  r.getKey(),
                  x.calls(),
                  x.pop().summary(),
                  x.ctiAnswer().summary(),
                  x.lost(),
                  x.wrongAgent(),
                  x.failed()));
        }
        report.detail("of the pops counted lost, arrived within 60 s after the run: " + late);
        report.detail(
            String.format(
                Locale.ROOT,
                "CPU of both hubs and redis per call: same-node %.1f ms, cross-node %.1f ms",
                (cpu1 - cpu0) * 1000 / same.calls(),
                (cpu2 - cpu1) * 1000 / cross.calls()));
        report.detail("stream frames received in all: " + streams.frames());
        report.detail(MachineFacts.summary("hubs -Xmx" + heap));
        report.detail(MachineFacts.loadSince(loadAtStart));
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    report.print(System.out, work.resolve("cluster-screen-pop-report.md"));
  }

  /** Pops of a phase missing at its end that arrive within a minute (call ids phase-0..). */
  private static int arrivedLate(AgentStreams streams, String phase, CallDriver.Result r)
      throws InterruptedException {
    List<String> missing =
        java.util.stream.IntStream.range(0, r.calls())
            .mapToObj(i -> phase + "-" + i)
            .filter(id -> streams.pop(id) == null)
            .toList();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline
        && missing.stream().anyMatch(id -> streams.pop(id) == null)) {
      java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200);
    }
    return (int) missing.stream().filter(id -> streams.pop(id) != null).count();
  }
}
