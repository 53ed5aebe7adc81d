package io.contacthub.hub.bench;

import static io.contacthub.hub.bench.Report.p50p99;
import static io.contacthub.hub.bench.Report.rate;
import static io.contacthub.hub.bench.Report.say;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Ingest through the shared log (not a test): a private redis-server and packaged hubs in cluster
 * mode, first one node, then two with the clients spread evenly across both, each setup on a fresh
 * Redis and fresh data dirs and fed the same corpus lines. Per setup: batch ingest through {@code
 * POST /api/v1/interactions:batch}, single requests at a fixed concurrency, how long until every
 * node finds everything acknowledged, and the CPU of the hubs and Redis per interaction. Then the
 * time until a new interaction is found by search: on the node that took it, and with two nodes on
 * the other one. The offered load (requests in flight) is the same for both setups.
 *
 * <pre>
 * mvn -B -q -o -Pbench -pl hub -am integration-test -DskipTests -Dui.skip=true \
 *   -Dbench.main=io.contacthub.hub.bench.ClusterIngestBench -Dbench.scale=0.1
 * </pre>
 *
 * Options: {@code --scale 0.1} (of the spine corpus, 1 = 1,000,000 interactions), {@code --seed},
 * {@code --batch 100}, {@code --batches-in-flight 4}, {@code --single-in-flight 64}, {@code
 * --single-seconds 15}, {@code --probes 200}, {@code --hub-heap 1g}, {@code --work target/bench},
 * {@code --hub-jar target/contact-hub.jar}.
 */
public final class ClusterIngestBench {

  /** How long every node may take to find everything acknowledged before the bench says so. */
  private static final Duration CATCH_UP = Duration.ofMinutes(3);

  private static final int PROBES_IN_PARALLEL = 4;

  private final Map<String, String> args;
  private final long seed;
  private final int interactions;
  private final int customers;
  private final int batchSize;
  private final int batchesInFlight;
  private final int singleInFlight;
  private final Duration singleDuration;
  private final int probes;
  private final String heap;
  private final Path jar;
  private final Path work;
  private final Report report = new Report();

  private ClusterIngestBench(Map<String, String> a) {
    this.args = a;
    double scale = Double.parseDouble(a.getOrDefault("scale", "0.1"));
    this.seed = Long.parseLong(a.getOrDefault("seed", "20261123"));
    this.interactions = (int) Math.round(BenchOptions.FULL_INTERACTIONS * scale);
    this.customers = Math.max(10, (int) Math.round(BenchOptions.FULL_CUSTOMERS * scale));
    this.batchSize = intArg("batch", 100);
    this.batchesInFlight = intArg("batches-in-flight", 4);
    this.singleInFlight = intArg("single-in-flight", 64);
    this.singleDuration = Duration.ofSeconds(intArg("single-seconds", 15));
    this.probes = intArg("probes", 200);
    this.heap = a.getOrDefault("hub-heap", "1g");
    this.jar = Path.of(a.getOrDefault("hub-jar", "target/contact-hub.jar"));
    this.work = Path.of(a.getOrDefault("work", "target/bench")).resolve("cluster-ingest");
  }

  public static void main(String[] args) throws Exception {
    new ClusterIngestBench(BenchArgs.parse(args)).run();
  }

  private int intArg(String name, int fallback) {
    return Integer.parseInt(args.getOrDefault(name, Integer.toString(fallback)));
  }

  private void run() throws Exception {
    WorkDir.delete(work);
    Files.createDirectories(work);
    String loadAtStart = MachineFacts.loadAverage();
    say(
        "Cluster ingest benchmark: %,d interactions of %,d customers, 1 node then 2",
        interactions, customers);
    Path corpus = work.resolve("corpus.tsv");
    report.detail(
        "corpus: " + new CorpusGenerator(seed, interactions, customers).write(corpus).describe());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      Setup one = measure(vertx, corpus, 1);
      Setup two = measure(vertx, corpus, 2);
      for (Setup s : List.of(one, two)) {
        report.figure(
            String.format(
                Locale.ROOT,
                "Batch ingest, %d node(s) (batches of %d, %d in flight)",
                s.nodes(),
                batchSize,
                batchesInFlight),
            rate(s.batch().perSecond()),
            "—",
            null);
      }
      for (Setup s : List.of(one, two)) {
        report.figure(
            String.format(
                Locale.ROOT,
                "Single-request ingest, %d node(s) (%d in flight)",
                s.nodes(),
                singleInFlight),
            rate(s.single().perSecond()),
            "—",
            null);
      }
      for (Setup s : List.of(one, two)) {
        report.figure(
            "Searchable on the node that took it, " + s.nodes() + " node(s), p50 / p99",
            p50p99(s.sameNode().fromSend()),
            "—",
            null);
      }
      report.figure(
          "Searchable on the other node (sent to A → found on B), p50 / p99",
          p50p99(two.otherNode().fromSend()),
          "—",
          null);
      report.detail(MachineFacts.summary("hubs -Xmx" + heap));
      report.detail(MachineFacts.loadSince(loadAtStart));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    report.print(System.out, work.resolve("cluster-ingest-report.md"));
  }

  /** One setup's figures; {@code otherNode} is null with one node. */
  private record Setup(
      int nodes,
      IngestResult batch,
      IngestResult single,
      SearchablePhase.Result sameNode,
      SearchablePhase.Result otherNode) {}

  private Setup measure(Vertx vertx, Path corpus, int nodeCount) throws Exception {
    Path dir = work.resolve(nodeCount + "-node");
    String label = nodeCount + " node(s)";
    try (BenchRedis redis = BenchRedis.start(dir.resolve("redis"));
        Nodes nodes = Nodes.start(vertx, redis, jar, dir, heap, nodeCount, singleInFlight);
        CorpusFile.Reader lines = new CorpusFile.Reader(corpus)) {
      long[] pids = nodes.pids(redis);
      SampledCustomers sampled = new SampledCustomers(customers);
      int singleCap = Math.min(40_000, interactions / 5);

      say("%s: batch ingest of %,d interactions", label, interactions - singleCap);
      double cpu = CpuTime.total(pids);
      IngestResult batch =
          spread(
              nodes,
              (client, share) ->
                  BatchIngestPhase.run(
                      client,
                      lines,
                      (interactions - singleCap) / nodeCount,
                      batchSize,
                      share.applyAsInt(batchesInFlight),
                      sampled));
      report.detail(label + ", batch ingest: " + batch.describe());
      long expected = batch.acknowledged();
      catchUp(nodes, label + ", after batch ingest", expected, cpu, pids);

      say("%s: single-request ingest, %d in flight, %s", label, singleInFlight, singleDuration);
      cpu = CpuTime.total(pids);
      IngestResult single =
          spread(
              nodes,
              (client, share) ->
                  SingleIngestPhase.run(
                      client,
                      lines,
                      singleCap / nodeCount,
                      singleDuration,
                      share.applyAsInt(singleInFlight),
                      sampled));
      report.detail(label + ", single ingest: " + single.describe());
      expected += single.acknowledged();
      catchUp(nodes, label + ", after single ingest", expected, cpu, pids);

      say("%s: time to searchable, %d probes", label, probes);
      List<CustomerIdentities> withEmail =
          IntStream.range(1, Math.min(customers, 2_000))
              .mapToObj(i -> CustomerIdentities.of(i, seed))
              .filter(c -> c.email() != null)
              .toList();
      HubClient a = nodes.clients().getFirst();
      SearchablePhase.Result same =
          SearchablePhase.run(a, a, withEmail, 0, probes, PROBES_IN_PARALLEL);
      report.detail(
          label + ", searchable on the same node, from the send: " + same.fromSend().summary());
      SearchablePhase.Result other = null;
      if (nodeCount > 1) {
        other =
            SearchablePhase.run(
                a, nodes.clients().get(1), withEmail, probes, probes, PROBES_IN_PARALLEL);
        report.detail(
            label + ", searchable on the other node, from the send: " + other.fromSend().summary());
        report.detail(
            label
                + ", searchable on the other node, from the acknowledgement: "
                + other.fromAck().summary());
      }
      return new Setup(nodeCount, batch, single, same, other);
    }
  }

  /** One node's part of a phase: its client, and its share of a number of requests in flight. */
  private interface Part {
    IngestResult run(HubClient client, IntUnaryOperator share) throws Exception;
  }

  /**
   * Runs a phase on every node at once, its requests in flight split evenly, and sums the results
   * (acknowledged over the slowest node's time).
   */
  private static IngestResult spread(Nodes nodes, Part part) throws Exception {
    int n = nodes.clients().size();
    ExecutorService drivers = Executors.newFixedThreadPool(n);
    try {
      List<Future<IngestResult>> running = new ArrayList<>();
      for (HubClient client : nodes.clients()) {
        Callable<IngestResult> c = () -> part.run(client, total -> Math.max(1, total / n));
        running.add(drivers.submit(c));
      }
      long acknowledged = 0;
      long failed = 0;
      String firstFailure = null;
      double seconds = 0;
      Latencies latency = new Latencies();
      for (Future<IngestResult> f : running) {
        IngestResult r = f.get();
        acknowledged += r.acknowledged();
        failed += r.failed();
        firstFailure = firstFailure == null ? r.firstFailure() : firstFailure;
        seconds = Math.max(seconds, r.seconds());
        latency.addAll(r.latency());
      }
      return new IngestResult(acknowledged, failed, firstFailure, seconds, latency);
    } finally {
      drivers.shutdownNow();
    }
  }

  /**
   * Waits until a search on every node counts {@code expected} interactions, and reports when each
   * got there and the CPU of the hubs and Redis per interaction since {@code cpuAtStart}.
   */
  private void catchUp(Nodes nodes, String label, long expected, double cpuAtStart, long[] pids)
      throws InterruptedException {
    long begin = System.nanoTime();
    long deadline = begin + CATCH_UP.toNanos();
    List<String> when = new ArrayList<>();
    for (int i = 0; i < nodes.clients().size(); i++) {
      HubClient client = nodes.clients().get(i);
      long found = -1;
      while (System.nanoTime() < deadline
          && (found = Await.result(client.search(Map.of("limit", "1"))).getLong("total"))
              < expected) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      when.add(
          found >= expected
              ? String.format(
                  Locale.ROOT, "node %d after %.1f s", i + 1, (System.nanoTime() - begin) / 1e9)
              : String.format(
                  Locale.ROOT,
                  "node %d NOT within %s (%,d of %,d)",
                  i + 1,
                  CATCH_UP,
                  found,
                  expected));
    }
    report.detail(
        String.format(
            Locale.ROOT,
            "%s: all %,d searchable on %s; CPU of hubs and redis until then %.0f µs per"
                + " interaction",
            label,
            expected,
            String.join(", ", when),
            (CpuTime.total(pids) - cpuAtStart) * 1e6 / expected));
  }

  /** The hub nodes of one setup and a client for each, logged in. */
  private record Nodes(List<HubProcess> hubs, List<HubClient> clients) implements AutoCloseable {

    static Nodes start(
        Vertx vertx, BenchRedis redis, Path jar, Path dir, String heap, int count, int connections)
        throws Exception {
      Nodes nodes = new Nodes(new ArrayList<>(), new ArrayList<>());
      try {
        for (int i = 0; i < count; i++) {
          String name = "node-" + (char) ('a' + i);
          nodes.hubs().add(HubProcess.clusterNode(jar, dir, name, redis.url(), heap, Map.of()));
        }
        for (HubProcess hub : nodes.hubs()) {
          HubClient client = new HubClient(vertx, hub.port(), connections);
          nodes.clients().add(client);
          HubReadiness.awaitUp(client, hub, Duration.ofMinutes(2));
          Await.result(client.login());
        }
        return nodes;
      } catch (Exception | Error e) {
        nodes.close();
        throw e;
      }
    }

    /** The hubs' and Redis' process ids, for their CPU time. */
    long[] pids(BenchRedis redis) {
      long[] pids = new long[hubs.size() + 1];
      for (int i = 0; i < hubs.size(); i++) {
        pids[i] = hubs.get(i).pid();
      }
      pids[hubs.size()] = redis.pid();
      return pids;
    }

    @Override
    public void close() throws InterruptedException {
      clients.forEach(HubClient::close);
      for (HubProcess hub : hubs) {
        hub.close();
      }
    }
  }
}
