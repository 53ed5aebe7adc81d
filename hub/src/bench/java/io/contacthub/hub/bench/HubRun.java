package io.contacthub.hub.bench;

import static io.contacthub.hub.bench.Report.p50p99;
import static io.contacthub.hub.bench.Report.rate;
import static io.contacthub.hub.bench.Report.say;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Everything measured on the hub, in order on one hub process: batch ingest of most of the corpus,
 * single requests (closed loop, then 1,000/s open loop), time to searchable, the rest of the
 * corpus, search, timeline pages, heap. Lines are taken from the corpus in that order, so the reads
 * see every interaction.
 */
final class HubRun {

  static final int BATCH_SIZE = 1_000;
  static final int BATCHES_IN_FLIGHT = 4;
  static final int SINGLE_IN_FLIGHT = 64;
  static final Duration SINGLE_DURATION = Duration.ofSeconds(15);
  static final int OPEN_LOOP_RATE = 1_000;
  static final int SEARCHABLE_SAMPLES = 200;
  static final int SEARCHABLE_PARALLEL = 4;
  static final int SEARCH_ROUNDS = 10;
  static final Duration INDEX_CATCH_UP = Duration.ofMinutes(10);

  private final BenchOptions options;
  private final Report report;
  private final HubProcess hub;
  private final HubClient client;
  private final CorpusFile.Reader lines;
  private final SampledCustomers sampled;

  private HubRun(
      BenchOptions options,
      Report report,
      HubProcess hub,
      HubClient client,
      CorpusFile.Reader lines) {
    this.options = options;
    this.report = report;
    this.hub = hub;
    this.client = client;
    this.lines = lines;
    this.sampled = new SampledCustomers(options.customers());
  }

  /** The hub's collector pauses by wall-clock time, to lay the open loop's tail next to. */
  static final String GC_LOG = "hub-gc.log";

  static final String KERNEL_BURSTS = "kernel-bursts-open-loop.tsv";
  static final String KERNEL_BURSTS_TIMELINE = "kernel-bursts-timeline.tsv";
  static final String TIMELINE_LATENCY_LOG = "latency-timeline.tsv";

  private static List<String> withGcLog(BenchOptions options) {
    List<String> args = new ArrayList<>(options.hubJvmArgs());
    args.add("-Xlog:gc:file=" + options.work().resolve(GC_LOG) + ":time");
    return args;
  }

  /** Runs every hub phase; returns the batch ingest figures, which the Lucene ratios need. */
  static BatchCost run(BenchOptions options, Path corpus, Report report) throws Exception {
    Path data = options.work().resolve("hub-data");
    WorkDir.delete(data);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (HubProcess hub =
            HubProcess.start(
                options.hubJar(),
                options.work(),
                data,
                options.hubHeap(),
                withGcLog(options),
                options.work().resolve("hub.log"));
        HubClient client = new HubClient(vertx, hub.port(), SINGLE_IN_FLIGHT);
        CorpusFile.Reader lines = new CorpusFile.Reader(corpus)) {
      HubReadiness.awaitUp(client, hub, Duration.ofMinutes(2));
      report.detail("hub JVM options (from its launcher): " + hub.jvmOptions());
      Await.result(client.login());
      return new HubRun(options, report, hub, client, lines).phases();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      if (!options.keepData()) {
        WorkDir.delete(data);
      }
    }
  }

  private BatchCost phases() throws Exception {
    int n = options.interactions();
    int openLoopLines = Math.min(30 * OPEN_LOOP_RATE, n / 10);
    int backgroundLines = Math.min(20 * OPEN_LOOP_RATE, n / 10);
    int singleCap = Math.min(40_000, n / 20);
    BatchCost batch = batch(n - openLoopLines - backgroundLines - singleCap);
    singles(singleCap, openLoopLines);
    searchable(backgroundLines);
    long total = rest();
    search(total);
    timeline();
    // Laid next to the hub's log only now: a routing snapshot being written when the open loop
    // ended logs its line some 15 s later.
    report.detail(
        "single ingest at 1,000/s, the slow requests: "
            + slowOnes("latency-open-loop.tsv", KERNEL_BURSTS));
    report.detail("whole hub run: CPU by thread: " + hub.threadCpu().top(12));
    report.figure(
        "Hub heap used after ingest and a full GC",
        String.format(Locale.ROOT, "%,d MB", hub.heapUsedAfterGc() >> 20),
        "—",
        null);
    return batch;
  }

  private BatchCost batch(long count) throws Exception {
    say("batch ingest of %,d interactions", count);
    ThreadCpu threadsBefore = hub.threadCpu();
    double hubCpuStart = CpuTime.seconds(hub.pid());
    double hubCpu = hubCpuStart;
    double benchCpu = CpuTime.self();
    CommitHistogram commitsBefore = commits();
    IngestResult batch =
        BatchIngestPhase.run(client, lines, count, BATCH_SIZE, BATCHES_IN_FLIGHT, sampled);
    CommitHistogram commitsDuring = commits().since(commitsBefore);
    hubCpu = CpuTime.seconds(hub.pid()) - hubCpu;
    benchCpu = CpuTime.self() - benchCpu;
    long catchUp = System.nanoTime();
    HubReadiness.awaitIndexed(client, INDEX_CATCH_UP);
    double catchUpSeconds = (System.nanoTime() - catchUp) / 1e9;
    ThreadCpu used = hub.threadCpu().since(threadsBefore);
    double workCpu = CpuTime.seconds(hub.pid()) - hubCpuStart - used.compilation();
    report.detail("batch ingest: " + batch.describe());
    report.detail("batch ingest: hub CPU by thread: " + used.top(10));
    report.detail("batch ingest, the hub's log: " + commitsDuring.describe());
    report.detail(
        String.format(
            Locale.ROOT,
            "batch ingest: CPU used: hub %.0f s, bench %.0f s, of %.0f s x %d cores; index caught"
                + " up %.1f s after the last acknowledgement (indexed: %,.0f/s from first send)",
            hubCpu,
            benchCpu,
            batch.seconds(),
            MachineFacts.cores(),
            catchUpSeconds,
            batch.acknowledged() / (batch.seconds() + catchUpSeconds)));
    BatchCost cost = new BatchCost(batch, workCpu / batch.acknowledged());
    report.detail(
        String.format(
            Locale.ROOT,
            "batch ingest: hub CPU until indexed, JIT compilation excluded: %.1f s = %.0f µs per"
                + " interaction",
            workCpu,
            cost.cpuSecondsPerItem() * 1e6));
    report.figure(
        "Batch ingest, durable (batches of 1,000, 4 in flight)",
        rate(batch.perSecond()),
        "≥ 20,000/s",
        batch.perSecond() >= 20_000);
    return cost;
  }

  /** The batch phase's result and the hub's CPU per acknowledged interaction. */
  record BatchCost(IngestResult ingest, double cpuSecondsPerItem) {}

  private void singles(int closedLoopCap, int openLoopLines) throws Exception {
    say("single-request ingest, %d in flight, %s", SINGLE_IN_FLIGHT, SINGLE_DURATION);
    ThreadCpu threadsBefore = hub.threadCpu();
    double hubCpuStart = CpuTime.seconds(hub.pid());
    IngestResult single =
        SingleIngestPhase.run(
            client, lines, closedLoopCap, SINGLE_DURATION, SINGLE_IN_FLIGHT, sampled);
    // Until indexed, as for batches, so both per-item costs cover the same work.
    HubReadiness.awaitIndexed(client, INDEX_CATCH_UP);
    ThreadCpu used = hub.threadCpu().since(threadsBefore);
    double workCpu = CpuTime.seconds(hub.pid()) - hubCpuStart - used.compilation();
    report.detail("single ingest, closed loop: " + single.describe());
    report.detail(
        String.format(
            Locale.ROOT,
            "single ingest, closed loop: hub CPU until indexed, JIT compilation excluded: %.1f s"
                + " = %.0f µs per request; by thread: %s",
            workCpu,
            1e6 * workCpu / single.acknowledged(),
            used.top(10)));
    report.figure(
        "Single-request ingest, durable (" + SINGLE_IN_FLIGHT + " in flight)",
        rate(single.perSecond()),
        "—",
        null);

    say("single-request ingest at %,d/s, open loop, %,d requests", OPEN_LOOP_RATE, openLoopLines);
    HubReadiness.awaitIndexed(client, INDEX_CATCH_UP);
    CommitHistogram commitsBefore = commits();
    Freshness freshnessBefore = freshness();
    List<byte[]> bodies = read(openLoopLines);
    ThreadCpu openLoopThreads = hub.threadCpu();
    double openLoopCpu = CpuTime.seconds(hub.pid());
    long openLoopBegin = System.nanoTime();
    IngestResult paced;
    KernelThreadBursts kernel = KernelThreadBursts.start(options.work().resolve(KERNEL_BURSTS));
    try (kernel) {
      paced =
          OpenLoopPhase.run(
              client, bodies, OPEN_LOOP_RATE, options.work().resolve("latency-open-loop.tsv"));
    }
    double openLoopWall = (System.nanoTime() - openLoopBegin) / 1e9;
    openLoopCpu = CpuTime.seconds(hub.pid()) - openLoopCpu;
    ThreadCpu openLoopUsed = hub.threadCpu().since(openLoopThreads);
    report.detail("single ingest at 1,000/s: " + paced.describe());
    // What the requests share the cores with; threads that ended meanwhile (merges, mostly) are
    // in the total but not in the list.
    report.detail(
        String.format(
            Locale.ROOT,
            "single ingest at 1,000/s: hub CPU %.1f s in %.1f s = %.2f of the %d cores; by live"
                + " thread: %s",
            openLoopCpu,
            openLoopWall,
            openLoopCpu / openLoopWall,
            Runtime.getRuntime().availableProcessors(),
            openLoopUsed.top(10)));
    report.detail("single ingest at 1,000/s, the kernel's memory threads: " + kernel.describe());
    report.detail(
        "single ingest at 1,000/s, the hub's log: " + commits().since(commitsBefore).describe());
    report.detail(
        "single ingest at 1,000/s, the hub's index: "
            + freshness().since(freshnessBefore).describe());
    report.figure(
        "Ack latency, single requests at 1,000/s (open loop), p50 / p99",
        p50p99(paced.latency()),
        "p99 ≤ 10 ms",
        paced.latency().millisAt(99) <= 10);
  }

  private CommitHistogram commits() throws Exception {
    return CommitHistogram.parse(scrape());
  }

  private String scrape() throws Exception {
    return client.metrics().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The index's refreshes and its time from durable to searchable, as the hub measures them. */
  private record Freshness(ScrapedTimer refreshes, ScrapedTimer searchable) {

    Freshness since(Freshness earlier) {
      return new Freshness(
          refreshes.since(earlier.refreshes), searchable.since(earlier.searchable));
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%,.0f refreshes, each %s; durable to searchable (each indexed batch's oldest record) %s"
              + " (histogram bucket bounds)",
          refreshes.count(),
          refreshes.percentiles(),
          searchable.percentiles());
    }
  }

  private Freshness freshness() throws Exception {
    String scrape = scrape();
    return new Freshness(
        ScrapedTimer.parse(scrape, "hub_index_refresh_seconds"),
        ScrapedTimer.parse(scrape, "hub_index_searchable_delay_seconds"));
  }

  /**
   * Probes under a background open loop of single ingests, sized to outlast them (200 probes, 4 at
   * a time, take well under its 20 s); every background line is sent, so the reads see them all.
   */
  private void searchable(int backgroundLines) throws Exception {
    say("time to searchable, %d probes under %,d/s of ingest", SEARCHABLE_SAMPLES, OPEN_LOOP_RATE);
    List<CustomerIdentities> withEmail =
        sampled.typical().stream()
            .map(c -> CustomerIdentities.of(c, options.seed()))
            .filter(c -> c.email() != null)
            .toList();
    List<byte[]> bodies = read(backgroundLines);
    Freshness freshnessBefore = freshness();
    CompletableFuture<IngestResult> background =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return OpenLoopPhase.run(
                    client,
                    bodies,
                    OPEN_LOOP_RATE,
                    options.work().resolve("latency-searchable-background.tsv"));
              } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
              }
            });
    SearchablePhase.Result searchable =
        SearchablePhase.run(client, withEmail, SEARCHABLE_SAMPLES, SEARCHABLE_PARALLEL);
    IngestResult load = background.get();
    report.detail("time to searchable, from the send: " + searchable.fromSend().summary());
    report.detail(
        "time to searchable, from the acknowledgement: " + searchable.fromAck().summary());
    report.detail(
        "time to searchable, the search that found each probe took: "
            + searchable.findingSearch().summary());
    report.detail("time to searchable, background ingest: " + load.describe());
    report.detail(
        "time to searchable, the hub's index: " + freshness().since(freshnessBefore).describe());
    report.figure(
        "Time to searchable (ingest sent → found by search), p50 / p99",
        p50p99(searchable.fromSend()),
        "p99 ≤ 1,000 ms",
        searchable.fromSend().millisAt(99) <= 1_000);
  }

  /** Ingests what is left of the corpus; returns the number of interactions the reads see. */
  private long rest() throws Exception {
    IngestResult rest =
        BatchIngestPhase.run(client, lines, Long.MAX_VALUE, BATCH_SIZE, BATCHES_IN_FLIGHT, sampled);
    JsonObject state = HubReadiness.awaitIndexed(client, INDEX_CATCH_UP);
    if (rest.acknowledged() + rest.failed() > 0) {
      report.detail("rest of the corpus in batches: " + rest.describe());
    }
    long total = state.getLong("nextSeq");
    report.detail(
        String.format(
            Locale.ROOT,
            "hub state for the reads: %,d log records (interactions), %,d customers (merged ones"
                + " included), %,d conversations",
            total,
            state.getInteger("customers"),
            state.getInteger("conversations")));
    return total;
  }

  private void search(long total) throws IOException, InterruptedException {
    say("search");
    List<SearchPhase.Query> queries =
        SearchPhase.queries(new Vocabulary(options.seed()), options.seed(), sampled);
    JitWarmUp.Result warmUp =
        JitWarmUp.untilQuiet(hub, into -> SearchPhase.pass(client, queries, into));
    report.detail("search, warm-up: " + warmUp.summary());
    SearchPhase.Result search = SearchPhase.run(client, queries, SEARCH_ROUNDS);
    report.detail(
        "search: "
            + search.all().summary()
            + String.format(Locale.ROOT, "; mean total %,.0f matches", search.meanTotal()));
    search.byKind().forEach((kind, l) -> report.detail("search, " + kind + ": " + l.summary()));
    report.figure(
        String.format(Locale.ROOT, "Search p50 / p99 (%,d interactions)", total),
        p50p99(search.all()),
        "p99 ≤ 50 ms",
        search.all().millisAt(99) <= 50);
  }

  private void timeline() throws IOException, InterruptedException {
    say("timeline pages");
    JitWarmUp.Result warmUp =
        JitWarmUp.untilQuiet(hub, into -> TimelinePhase.pass(client, sampled, into));
    report.detail("timeline, warm-up: " + warmUp.summary());
    TimelinePhase.Result timeline;
    KernelThreadBursts kernel =
        KernelThreadBursts.start(options.work().resolve(KERNEL_BURSTS_TIMELINE));
    try (kernel) {
      timeline = TimelinePhase.run(client, sampled, options.work().resolve(TIMELINE_LATENCY_LOG));
    }
    Latencies pages = timeline.all();
    report.detail("timeline, heavy customer, first page: " + timeline.heavyFirst().summary());
    report.detail(
        String.format(
                Locale.ROOT,
                "timeline, heavy customer, every page of %,d items (search finds %,d): ",
                timeline.heavyItems(),
                timeline.heavySearchTotal())
            + timeline.heavyDeep().summary());
    report.detail(
        "timeline, every page of "
            + sampled.typical().size()
            + " typical customers: "
            + timeline.typical().summary());
    report.figure(
        String.format(
            Locale.ROOT,
            "Timeline page p50 / p99 (%d items; heavy customer %,d deep)",
            TimelinePhase.LIMIT,
            timeline.heavyItems()),
        p50p99(pages),
        "p99 ≤ 10 ms",
        pages.millisAt(99) <= 10);
    report.detail("timeline, the kernel's memory threads: " + kernel.describe());
    report.detail(
        "timeline, the slow pages: " + slowOnes(TIMELINE_LATENCY_LOG, KERNEL_BURSTS_TIMELINE));
  }

  /**
   * The requests of a latency log (in the work directory) over 10 ms, next to the hub's pauses,
   * commits and snapshots and the kernel's bursts logged beside them.
   */
  private String slowOnes(String latencyLog, String kernelBursts) throws IOException {
    Path work = options.work();
    return SlowRequestCauses.describe(
        work.resolve(latencyLog),
        work.resolve(GC_LOG),
        work.resolve("hub.log"),
        work.resolve(kernelBursts),
        10);
  }

  private List<byte[]> read(int count) throws IOException {
    return lines.next(count).stream().map(CorpusFile.Line::json).toList();
  }
}
