package io.contacthub.hub.bench;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spine benchmark (not a test): corpus, then the hub over real HTTP (batch ingest, single
 * ingest at full speed and at 1,000 req/s, time to searchable, search, timeline pages, heap), then
 * bare Lucene on the same documents; prints the figures against the targets. See docs/benchmarks.md
 * for the command and the figures of the last full run.
 */
public final class BenchMain {

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
    Report.say(
        "Spine benchmark: scale %s, %,d interactions, %,d customers, seed %d",
        options.scale(), options.interactions(), options.customers(), options.seed());
    report.detail(MachineFacts.summary("hub -Xmx" + options.hubHeap()));
    Path corpus = corpus();
    HubRun.BatchCost batch = HubRun.run(options, corpus, report);
    luceneAndRatio(corpus, batch);
    report.detail(MachineFacts.loadSince(loadAtStart));
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

  /** One bare-Lucene run over the corpus, reported as a detail under {@code label}. */
  private BareLuceneBaseline.Result bareLucene(
      Path corpus, int threads, boolean newestFirst, String label) throws Exception {
    Report.say("bare Lucene, %s", label);
    Path dir = options.work().resolve("lucene-" + threads + (newestFirst ? "-sorted" : ""));
    WorkDir.delete(dir);
    BareLuceneBaseline.Result r =
        BareLuceneBaseline.run(corpus, dir, threads, options.interactions(), newestFirst);
    WorkDir.delete(dir);
    report.detail(
        String.format(
            Locale.ROOT,
            "bare Lucene, %s: %,d documents in %.1f s = %,.0f/s (commit included);"
                + " CPU, JIT compilation excluded: %.1f s = %.0f µs per document",
            label,
            r.documents(),
            r.seconds(),
            r.perSecond(),
            r.cpuSeconds(),
            1e6 * r.cpuSeconds() / r.documents()));
    return r;
  }

  /** Bare Lucene with one thread, then one per core; the ratio is against the faster. */
  private void luceneAndRatio(Path corpus, HubRun.BatchCost hubBatch) throws Exception {
    List<BareLuceneBaseline.Result> runs = new ArrayList<>();
    for (int threads : new int[] {1, MachineFacts.cores()}) {
      runs.add(
          bareLucene(corpus, threads, false, String.format(Locale.ROOT, "%d thread(s)", threads)));
    }
    // How much of the hub's Lucene cost its index sort is: a detail, not part of the ratio.
    bareLucene(corpus, 1, true, "1 thread, index sorted newest first as the hub's");
    BareLuceneBaseline.Result best =
        runs.stream()
            .max(Comparator.comparingDouble(BareLuceneBaseline.Result::perSecond))
            .orElseThrow();
    report.figure(
        "Bare Lucene IndexWriter, same documents (" + best.threads() + " threads)",
        Report.rate(best.perSecond()),
        "—",
        null);
    double ratio = hubBatch.ingest().perSecond() / best.perSecond();
    report.figure(
        "Batch ingest / bare Lucene",
        String.format(Locale.ROOT, "%.0f%%", 100 * ratio),
        "≥ 50%",
        ratio >= 0.5);
    // Throughput on a shared two-core machine follows whatever else runs; CPU per item does not.
    BareLuceneBaseline.Result last = runs.getLast();
    double cpuRatio = (last.cpuSeconds() / last.documents()) / hubBatch.cpuSecondsPerItem();
    report.figure(
        "Bare Lucene CPU per document / hub CPU per interaction (JIT excluded)",
        String.format(Locale.ROOT, "%.0f%%", 100 * cpuRatio),
        "≥ 50%",
        cpuRatio >= 0.5);
  }
}
