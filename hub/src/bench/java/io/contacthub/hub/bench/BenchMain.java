package io.contacthub.hub.bench;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spine benchmark (not a test): corpus, then the hub over real HTTP (batch ingest, single
 * ingest at full speed and at 1,000 req/s, time to searchable, search, timeline pages, heap), then
 * bare Lucene on the same documents; prints the figures against the targets. See docs/benchmarks.md
 * for the command and the figures of the last full run.
 */
public final class BenchMain {

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
  private final Report report = new Report();

  private BenchMain(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    // The bench's own libraries (Netty, Vert.x) would log at debug level without a configuration.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    new BenchMain(BenchOptions.parse(args)).run();
  }

  private void run() throws Exception {
    long begin = System.nanoTime();
    Files.createDirectories(options.work());
    String loadAtStart = MachineFacts.loadAverage();
    say(
        "Spine benchmark: scale %s, %,d interactions, %,d customers, seed %d",
        options.scale(), options.interactions(), options.customers(), options.seed());
    report.detail(
        String.format(
            Locale.ROOT,
            "machine: %d cores, %s, %s; JDK %s",
            MachineFacts.cores(),
            MachineFacts.memory(),
            "hub -Xmx" + options.hubHeap(),
            MachineFacts.jdk()));
    Path corpus = corpus();
    HubFigures hub = hubPhases(corpus);
    luceneAndRatio(corpus, hub);
    report.detail(
        "load average (1/5/15 min) at start "
            + loadAtStart
            + ", at end "
            + MachineFacts.loadAverage());
    report.detail(
        String.format(Locale.ROOT, "whole run: %.1f min", (System.nanoTime() - begin) / 60e9));
    report.print(System.out, options.work().resolve("report.md"));
  }

  /** The corpus file, generated unless an identical one (same version, seed and size) exists. */
  private Path corpus() throws IOException {
    String name =
        String.format(
            Locale.ROOT,
            "corpus-v2-s%d-n%d-c%d",
            options.seed(),
            options.interactions(),
            options.customers());
    Path file = options.work().resolve(name + ".tsv");
    Path statsFile = options.work().resolve(name + ".json");
    CorpusStats stats;
    if (Files.exists(file) && Files.exists(statsFile)) {
      stats = CorpusStats.read(statsFile);
      report.detail("corpus: reused " + file.getFileName());
    } else {
      long t = System.nanoTime();
      stats =
          new CorpusGenerator(options.seed(), options.interactions(), options.customers())
              .write(file);
      stats.write(statsFile);
      report.detail(
          String.format(
              Locale.ROOT,
              "corpus: generated in %.1f s, %,d MB",
              (System.nanoTime() - t) / 1e9,
              Files.size(file) >> 20));
    }
    report.detail("corpus: " + stats.describe());
    return file;
  }

  /** What the hub phases measured that the bare-Lucene comparison needs. */
  private record HubFigures(IngestResult batch) {}

  private HubFigures hubPhases(Path corpus) throws Exception {
    Path data = options.work().resolve("hub-data");
    deleteRecursively(data);
    int n = options.interactions();
    int openLoopLines = Math.min(30 * OPEN_LOOP_RATE, n / 10);
    int backgroundLines = Math.min(20 * OPEN_LOOP_RATE, n / 10);
    int singleCap = Math.min(40_000, n / 20);
    long bulk = n - openLoopLines - backgroundLines - singleCap;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (HubProcess hub =
            HubProcess.start(
                options.hubJar(),
                options.work(),
                data,
                options.hubHeap(),
                options.hubJvmArgs(),
                options.work().resolve("hub.log"));
        HubClient client = new HubClient(vertx, hub.port(), SINGLE_IN_FLIGHT);
        CorpusFile.Reader lines = new CorpusFile.Reader(corpus)) {
      HubReadiness.awaitUp(client, hub, Duration.ofMinutes(2));
      Await.result(client.login());
      SampledCustomers sampled = new SampledCustomers(options.customers());

      say("batch ingest of %,d interactions", bulk);
      ThreadCpu threadsBefore = hub.threadCpu();
      double hubCpu = CpuTime.seconds(hub.pid());
      double benchCpu = CpuTime.self();
      IngestResult batch =
          BatchIngestPhase.run(client, lines, bulk, BATCH_SIZE, BATCHES_IN_FLIGHT, sampled);
      hubCpu = CpuTime.seconds(hub.pid()) - hubCpu;
      benchCpu = CpuTime.self() - benchCpu;
      long catchUp = System.nanoTime();
      HubReadiness.awaitIndexed(client, INDEX_CATCH_UP);
      double catchUpSeconds = (System.nanoTime() - catchUp) / 1e9;
      report.detail("batch ingest: " + batch.describe());
      report.detail(
          "batch ingest: hub CPU by thread: " + hub.threadCpu().since(threadsBefore).top(10));
      report.detail(
          String.format(
              Locale.ROOT,
              "batch ingest: CPU used: hub %.0f s, bench %.0f s, of %.0f s x %d cores; index caught up"
                  + " %.1f s after the last acknowledgement (indexed: %,.0f/s from first send)",
              hubCpu,
              benchCpu,
              batch.seconds(),
              MachineFacts.cores(),
              catchUpSeconds,
              batch.acknowledged() / (batch.seconds() + catchUpSeconds)));
      report.figure(
          "Batch ingest, durable (batches of 1,000, 4 in flight)",
          rate(batch.perSecond()),
          "≥ 20,000/s",
          batch.perSecond() >= 20_000);

      say("single-request ingest, %d in flight, %s", SINGLE_IN_FLIGHT, SINGLE_DURATION);
      IngestResult single =
          SingleIngestPhase.run(
              client, lines, singleCap, SINGLE_DURATION, SINGLE_IN_FLIGHT, sampled);
      report.detail("single ingest, closed loop: " + single.describe());
      report.figure(
          "Single-request ingest, durable (" + SINGLE_IN_FLIGHT + " in flight)",
          rate(single.perSecond()),
          "—",
          null);

      say("single-request ingest at %,d/s, open loop, %,d requests", OPEN_LOOP_RATE, openLoopLines);
      HubReadiness.awaitIndexed(client, INDEX_CATCH_UP);
      IngestResult paced =
          OpenLoopPhase.run(client, read(lines, openLoopLines), OPEN_LOOP_RATE, () -> true);
      report.detail("single ingest at 1,000/s: " + paced.describe());
      report.figure(
          "Ack latency, single requests at 1,000/s (open loop), p50 / p99",
          ms(paced.latency(), 50) + " / " + ms(paced.latency(), 99),
          "p99 ≤ 10 ms",
          paced.latency().millisAt(99) <= 10);

      say(
          "time to searchable, %d probes under %,d/s of ingest",
          SEARCHABLE_SAMPLES, OPEN_LOOP_RATE);
      Latencies searchable = searchable(client, lines, backgroundLines, sampled).fromSend();
      report.figure(
          "Time to searchable (ingest sent → found by search), p50 / p99",
          ms(searchable, 50) + " / " + ms(searchable, 99),
          "p99 ≤ 1,000 ms",
          searchable.millisAt(99) <= 1_000);

      IngestResult rest =
          BatchIngestPhase.run(
              client, lines, Long.MAX_VALUE, BATCH_SIZE, BATCHES_IN_FLIGHT, sampled);
      JsonObject state = HubReadiness.awaitIndexed(client, INDEX_CATCH_UP);
      report.detail("rest of the corpus in batches: " + rest.describe());
      long total = state.getLong("nextSeq");
      report.detail(
          String.format(
              Locale.ROOT,
              "hub state for the reads: %,d log records (interactions), %,d customers (merged ones"
                  + " included), %,d conversations",
              total,
              state.getInteger("customers"),
              state.getInteger("conversations")));

      say("search");
      SearchPhase.Result search =
          SearchPhase.run(
              client,
              SearchPhase.queries(new Vocabulary(options.seed()), options.seed(), sampled),
              SEARCH_ROUNDS);
      report.detail(
          "search: "
              + search.all().summary()
              + String.format(Locale.ROOT, "; mean total %,.0f matches", search.meanTotal()));
      search.byKind().forEach((kind, l) -> report.detail("search, " + kind + ": " + l.summary()));
      report.figure(
          String.format(Locale.ROOT, "Search p50 / p99 (%,d interactions)", total),
          ms(search.all(), 50) + " / " + ms(search.all(), 99),
          "p99 ≤ 50 ms",
          search.all().millisAt(99) <= 50);

      say("timeline pages");
      TimelinePhase.Result timeline = TimelinePhase.run(client, sampled);
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
          ms(pages, 50) + " / " + ms(pages, 99),
          "p99 ≤ 10 ms",
          pages.millisAt(99) <= 10);

      report.detail("whole hub run: CPU by thread: " + hub.threadCpu().top(12));
      long heap = hub.heapUsedAfterGc();
      report.figure(
          "Hub heap used after ingest and a full GC",
          String.format(Locale.ROOT, "%,d MB", heap >> 20),
          "—",
          null);
      return new HubFigures(batch);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      if (!options.keepData()) {
        deleteRecursively(data);
      }
    }
  }

  /** Probes under a background open loop of single ingests, which stops when they are done. */
  private SearchablePhase.Result searchable(
      HubClient client, CorpusFile.Reader lines, int backgroundLines, SampledCustomers sampled)
      throws Exception {
    List<CustomerIdentities> withEmail =
        sampled.typical().stream()
            .map(c -> CustomerIdentities.of(c, options.seed()))
            .filter(c -> c.email() != null)
            .toList();
    List<byte[]> bodies = read(lines, backgroundLines);
    AtomicBoolean probing = new AtomicBoolean(true);
    CompletableFuture<IngestResult> background =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return OpenLoopPhase.run(client, bodies, OPEN_LOOP_RATE, probing::get);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    SearchablePhase.Result searchable;
    try {
      searchable = SearchablePhase.run(client, withEmail, SEARCHABLE_SAMPLES, SEARCHABLE_PARALLEL);
    } finally {
      probing.set(false);
    }
    IngestResult load = background.get();
    report.detail("time to searchable, from the send: " + searchable.fromSend().summary());
    report.detail(
        "time to searchable, from the acknowledgement: " + searchable.fromAck().summary());
    report.detail("time to searchable, background ingest: " + load.describe());
    return searchable;
  }

  private void luceneAndRatio(Path corpus, HubFigures hub) throws Exception {
    List<BareLuceneBaseline.Result> runs = new ArrayList<>();
    for (int threads : new int[] {1, MachineFacts.cores()}) {
      say("bare Lucene, %d indexing thread(s)", threads);
      Path dir = options.work().resolve("lucene-" + threads);
      deleteRecursively(dir);
      BareLuceneBaseline.Result r =
          BareLuceneBaseline.run(corpus, dir, threads, options.interactions());
      deleteRecursively(dir);
      runs.add(r);
      report.detail(
          String.format(
              Locale.ROOT,
              "bare Lucene, %d thread(s): %,d documents in %.1f s = %,.0f/s (commit included)",
              threads,
              r.documents(),
              r.seconds(),
              r.perSecond()));
    }
    BareLuceneBaseline.Result best =
        runs.stream()
            .max(Comparator.comparingDouble(BareLuceneBaseline.Result::perSecond))
            .orElseThrow();
    report.figure(
        "Bare Lucene IndexWriter, same documents (" + best.threads() + " threads)",
        rate(best.perSecond()),
        "—",
        null);
    double ratio = hub.batch().perSecond() / best.perSecond();
    report.figure(
        "Batch ingest / bare Lucene",
        String.format(Locale.ROOT, "%.0f%%", 100 * ratio),
        "≥ 50%",
        ratio >= 0.5);
  }

  private static List<byte[]> read(CorpusFile.Reader lines, int count) throws IOException {
    return lines.next(count).stream().map(CorpusFile.Line::json).toList();
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  private static String ms(Latencies l, double percentile) {
    return String.format(Locale.ROOT, "%.1f ms", l.millisAt(percentile));
  }

  private static void say(String format, Object... args) {
    System.out.printf(
        Locale.ROOT, "[%tT] " + format + "%n", prepend(System.currentTimeMillis(), args));
    System.out.flush();
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
