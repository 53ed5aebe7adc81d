package io.contacthub.hub.timeline;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import io.contacthub.hub.model.TimelinePage;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Hand-run scale check (not a test): indexes one customer with {@code big} interactions plus {@code
 * small} interactions of many small customers, then measures indexing throughput against bare
 * Lucene, visibility lag, timeline paging and search latency.
 *
 * <pre>
 * java -Xmx4g -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     io.contacthub.hub.timeline.TimelineScaleCheck [workDir] [big] [small]
 * </pre>
 */
public final class TimelineScaleCheck {

  private static final String BIG = "cust-big";
  private static final int BATCH = 1_000;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final int big;
  private final int small;
  private final int smallCustomers;

  /** Time and seq of the big customer's interactions, in log (oldest first) order. */
  private final long[] bigTimes;

  private final long[] bigSeqs;

  private TimelineScaleCheck(int big, int small) {
    this.big = big;
    this.small = small;
    this.smallCustomers = Math.max(1, small / 5);
    this.bigTimes = new long[big];
    this.bigSeqs = new long[big];
  }

  public static void main(String[] args) throws Exception {
    Path work =
        args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("timeline-scale-check");
    int big = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int small = args.length > 2 ? Integer.parseInt(args[2]) : 250_000;
    new TimelineScaleCheck(big, small).run(work);
  }

  private void run(Path work) throws Exception {
    System.out.printf(
        "corpus: %,d interactions of %s + %,d of %,d small customers; %d cores, java %s%n",
        big,
        BIG,
        small,
        smallCustomers,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    load();
    bareBaseline(work.resolve("bare"));
    mappedBaseline(work.resolve("mapped"));
    Path dir = work.resolve("timeline");
    try (LuceneTimelineIndex index = LuceneTimelineIndex.open(dir, TimelineOptions.DEFAULT)) {
      indexAll(index);
      visibilityWhenIdle(index);
      visibilityAtSteadyRate(index, 200);
    }
    timelineWithoutIndexSort(work.resolve("mapped"));
    load();
    try (LuceneTimelineIndex index = LuceneTimelineIndex.open(dir, TimelineOptions.DEFAULT)) {
      timelines(index);
      searches(index);
    }
    facetAlternatives(dir);
    load();
  }

  /** The machine may be shared: show how busy it was. */
  private static void load() throws IOException {
    System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).strip());
  }

  // ---------------------------------------------------------------- indexing

  private void bareBaseline(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      long start = System.nanoTime();
      Corpus corpus = new Corpus();
      for (int n = 0; n < big + small; n++) {
        Interaction i = corpus.next();
        Document doc = new Document();
        if (i.subject() != null) {
          doc.add(new TextField(TimelineFields.SUBJECT, i.subject(), Field.Store.NO));
        }
        doc.add(new TextField(TimelineFields.TEXT, i.text(), Field.Store.NO));
        w.addDocument(doc);
      }
      w.commit();
      report("bare IndexWriter.addDocument(subject+text)", big + small, start);
    }
  }

  /** Our documents through a plain writer: no index sort, no updates, no NRT refreshes. */
  private void mappedBaseline(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w =
            new IndexWriter(d, new IndexWriterConfig(new TextAnalyzer()).setRAMBufferSizeMB(64))) {
      long start = System.nanoTime();
      Corpus corpus = new Corpus();
      for (int n = 0; n < big + small; n++) {
        w.addDocument(TimelineDocuments.interaction(corpus.next()));
      }
      w.commit();
      report("plain writer, full mapping + JSON", big + small, start);
    }
  }

  private void indexAll(LuceneTimelineIndex index) throws Exception {
    AtomicLong applied = new AtomicLong(-1);
    AtomicBoolean done = new AtomicBoolean();
    List<Long> lags = new ArrayList<>();
    Thread monitor =
        Thread.ofPlatform()
            .name("lag-monitor")
            .start(
                () -> {
                  try {
                    while (!done.get()) {
                      long target = applied.get();
                      long t = System.nanoTime();
                      while (index.searchableSeq() < target && !done.get()) {
                        Thread.sleep(1);
                      }
                      lags.add(System.nanoTime() - t);
                      Thread.sleep(50);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });

    long start = System.nanoTime();
    Corpus corpus = new Corpus();
    List<Interaction> batch = new ArrayList<>(BATCH);
    for (int n = 0; n < big + small; n++) {
      Interaction i = corpus.next();
      if (BIG.equals(i.customerId())) {
        bigTimes[corpus.bigCount - 1] = i.occurredAt().toEpochMilli();
        bigSeqs[corpus.bigCount - 1] = i.seq();
      }
      batch.add(i);
      if (batch.size() == BATCH) {
        index.apply(batch, List.of(), List.of(), i.seq());
        applied.set(i.seq());
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      index.apply(batch, List.of(), List.of(), corpus.seq);
    }
    report("LuceneTimelineIndex.apply (NRT 100 ms, index sort)", big + small, start);
    done.set(true);
    monitor.join();
    long waitStart = System.nanoTime();
    index.awaitSearchable(corpus.seq, Duration.ofMinutes(5));
    System.out.printf(
        "  last batch searchable %.0f ms after the last apply%n",
        millis(System.nanoTime() - waitStart));
    printPercentiles("  visibility lag while bulk indexing (ms)", lags);
    index.commit(false);
  }

  private void visibilityWhenIdle(LuceneTimelineIndex index) throws Exception {
    Corpus corpus = new Corpus();
    corpus.seq = big + small + 10_000L;
    List<Long> lags = new ArrayList<>();
    for (int n = 0; n < 50; n++) {
      Interaction i = corpus.next();
      index.apply(List.of(i), List.of(), List.of(), i.seq());
      long t = System.nanoTime();
      while (index.searchableSeq() < i.seq()) {
        Thread.sleep(1);
      }
      lags.add(System.nanoTime() - t);
    }
    printPercentiles("  visibility lag, single applies, nobody waiting (ms)", lags);
  }

  /**
   * Applies about {@code perSecond} interactions a second for 10 s, in batches of 10, and times
   * each batch until it is searchable (a slow refresh lowers the rate rather than queueing).
   */
  private void visibilityAtSteadyRate(LuceneTimelineIndex index, int perSecond) throws Exception {
    Corpus corpus = new Corpus();
    corpus.seq = big + small + 20_000L;
    List<Long> lags = new ArrayList<>();
    long intervalNanos = 10 * 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    int batches = perSecond; // 10 s of 10-interaction batches
    for (int n = 0; n < batches; n++) {
      List<Interaction> batch = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        batch.add(corpus.next());
      }
      long seq = corpus.seq;
      index.apply(batch, List.of(), List.of(), seq);
      long t = System.nanoTime();
      while (index.searchableSeq() < seq) {
        Thread.sleep(1);
      }
      lags.add(System.nanoTime() - t);
      next += intervalNanos;
      Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
    }
    printPercentiles("  visibility lag at " + perSecond + " interactions/s for 10 s (ms)", lags);
  }

  // ---------------------------------------------------------------- timeline

  /** The timeline query on the same documents without the index sort: points skipping only. */
  private void timelineWithoutIndexSort(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      Query query = TimelineFields.anyOf(TimelineFields.CUSTOMER, Set.of(BIG));
      measure(
          "timeline first page WITHOUT index sort (points skipping), "
              + reader.leaves().size()
              + " segments",
          50,
          () ->
              searcher.search(
                  query, new TopFieldCollectorManager(TimelineFields.NEWEST_FIRST, 21, 21)));
    }
  }

  private void timelines(LuceneTimelineIndex index) throws IOException {
    System.out.println("timeline (limit 20):");
    Set<String> bigCustomer = Set.of(BIG);
    measure("  big customer, first page", 2_000, () -> index.timeline(bigCustomer, null, 20));

    long fingerprint = PageCursor.fingerprint("timeline", PageCursor.setPart(bigCustomer));
    Random random = new Random(1);
    measure(
        "  big customer, random deep cursor",
        2_000,
        () -> {
          int rank = random.nextInt(big - 1); // 0 = newest
          int i = big - 1 - rank;
          String cursor = new PageCursor(bigTimes[i], bigSeqs[i]).encode(fingerprint);
          TimelinePage page = index.timeline(bigCustomer, cursor, 20);
          if (page.items().isEmpty() || page.items().get(0).seq() != bigSeqs[i - 1]) {
            throw new IllegalStateException("wrong page after rank " + rank);
          }
          return page;
        });

    String[] cursor = {null};
    measure(
        "  big customer, paging sequentially",
        5_000,
        () -> {
          TimelinePage page = index.timeline(bigCustomer, cursor[0], 20);
          cursor[0] = page.nextCursor();
          return page;
        });

    measure(
        "  small customer, first page",
        2_000,
        () -> index.timeline(Set.of("cust-" + random.nextInt(smallCustomers)), null, 20));
    measure(
        "  big + small customer merged, deep cursor",
        1_000,
        () -> {
          Set<String> merged = Set.of(BIG, "cust-" + random.nextInt(smallCustomers));
          TimelinePage first = index.timeline(merged, null, 20);
          return index.timeline(merged, first.nextCursor(), 20);
        });
  }

  // ---------------------------------------------------------------- search

  private void searches(LuceneTimelineIndex index) throws IOException {
    System.out.println("search (limit 20, exact total, channel facets, snippets):");
    List<SearchRequest> requests =
        List.of(
            request("refund", null, null, null),
            request("late delivery", null, null, null),
            request("password reset", null, null, null),
            request("\"credit card\"", null, null, null),
            request("invoice -paid", null, null, null),
            request("deliv*", null, null, null),
            request("order", null, null, null),
            request("order", null, null, SearchRequest.Sort.TIME),
            request(null, null, null, null),
            request("refund", Set.of(BIG), null, null),
            request("order", null, Set.of(Channel.EMAIL), null));
    for (SearchRequest r : requests) {
      long[] total = {0};
      measure(
          "  " + describe(r),
          300,
          () -> {
            SearchResult result = index.search(r);
            total[0] = result.total();
            return result;
          });
      System.out.printf("      total %,d%n", total[0]);
    }
    // A deep page: follow 100 cursors, then time the next page.
    SearchRequest order = request("order", null, null, null);
    String cursor = null;
    for (int page = 0; page < 100; page++) {
      cursor = index.search(withCursor(order, cursor)).nextCursor();
    }
    String deep = cursor;
    measure("  \"order\", page 101", 300, () -> index.search(withCursor(order, deep)));
  }

  /** Channel counts of three queries: our collector vs the facet module's string facets. */
  private void facetAlternatives(Path dir) throws IOException {
    System.out.println("channel facets, one pass over all matches, no top-N:");
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      SearchQuery queries = new SearchQuery(new TextAnalyzer());
      StringDocValuesReaderState state =
          new StringDocValuesReaderState(reader, TimelineFields.CHANNEL);
      System.out.printf("  segments: %d%n", reader.leaves().size());
      for (String q : Arrays.asList("refund", "order", null)) {
        SearchRequest r = request(q, null, null, null);
        Query query = queries.build(r, queries.text(q));
        measure(
            "  ChannelFacets         " + describe(r),
            200,
            () -> searcher.search(query, new ChannelFacets()));
        measure(
            "  StringValueFacetCounts " + describe(r),
            200,
            () -> {
              FacetsCollector fc = searcher.search(query, new FacetsCollectorManager());
              return new StringValueFacetCounts(state, fc).getAllChildren(TimelineFields.CHANNEL);
            });
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static SearchRequest request(
      String q, Set<String> customers, Set<Channel> channels, SearchRequest.Sort sort) {
    return new SearchRequest(q, customers, channels, null, null, null, null, sort, null, 20);
  }

  private static SearchRequest withCursor(SearchRequest r, String cursor) {
    return new SearchRequest(
        r.query(),
        r.customerIds(),
        r.channels(),
        r.direction(),
        r.conversationId(),
        r.from(),
        r.to(),
        r.sort(),
        cursor,
        r.limit());
  }

  private static String describe(SearchRequest r) {
    StringBuilder s = new StringBuilder(r.query() == null ? "<all>" : r.query());
    if (r.customerIds() != null) {
      s.append(" customer=").append(r.customerIds());
    }
    if (r.channels() != null) {
      s.append(" channel=").append(r.channels());
    }
    if (r.sort() != null) {
      s.append(" sort=").append(r.sort());
    }
    return s.toString();
  }

  private interface Call {
    Object run() throws IOException;
  }

  /**
   * Wall time is what a caller sees; CPU time of the calling thread is what the query costs, and
   * stays meaningful when the machine is shared (every call here runs on one thread).
   */
  private static void measure(String name, int runs, Call call) throws IOException {
    for (int i = 0; i < Math.min(runs, 200); i++) {
      call.run(); // warm-up
    }
    List<Long> wall = new ArrayList<>(runs);
    List<Long> cpu = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      long c = THREADS.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      call.run();
      wall.add(System.nanoTime() - t);
      cpu.add(THREADS.getCurrentThreadCpuTime() - c);
    }
    long[] sortedCpu = cpu.stream().mapToLong(Long::longValue).sorted().toArray();
    printPercentiles(
        name,
        wall,
        String.format(
            "  cpu p50 %6.2f p99 %6.2f",
            millis(percentile(sortedCpu, 0.5)), millis(percentile(sortedCpu, 0.99))));
  }

  private static void printPercentiles(String name, List<Long> nanos) {
    printPercentiles(name, nanos, "");
  }

  private static void printPercentiles(String name, List<Long> nanos, String suffix) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      System.out.printf("%-60s no samples%n", name);
      return;
    }
    System.out.printf(
        "%-60s p50 %7.2f  p99 %7.2f  max %7.2f ms%s  (n=%d)%n",
        name,
        millis(percentile(sorted, 0.5)),
        millis(percentile(sorted, 0.99)),
        millis(sorted[sorted.length - 1]),
        suffix,
        sorted.length);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)];
  }

  private static void report(String name, int docs, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(
        "indexing: %-52s %,8.0f docs/s  (%,d docs in %.1f s)%n",
        name, docs / seconds, docs, seconds);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /**
   * A deterministic stream of interactions in log order: 4 of 5 go to the big customer, times
   * advance with the log (15 s apart, so neighbours often share a minute) and words follow a
   * Zipf-like distribution, with a few domain words at fixed rates.
   */
  private final class Corpus {
    private static final String[] DOMAIN = {
      "refund",
      "delivery",
      "late",
      "password",
      "reset",
      "invoice",
      "paid",
      "order",
      "credit",
      "card"
    };
    private static final double[] DOMAIN_RATE = {
      0.03, 0.05, 0.04, 0.01, 0.01, 0.02, 0.01, 0.15, 0.02, 0.02
    };
    private static final Channel[] CHANNELS = Channel.values();

    private final Random random = new Random(7);
    private final String[] vocabulary = vocabulary(new Random(11), 20_000);
    private long seq;
    private int bigCount;
    private int smallCount;

    Interaction next() {
      boolean toBig = bigCount < big && (smallCount >= small || random.nextInt(big + small) < big);
      String customer;
      if (toBig) {
        bigCount++;
        customer = BIG;
      } else {
        smallCount++;
        customer = "cust-" + random.nextInt(smallCustomers);
      }
      long s = ++seq;
      long at = T0.toEpochMilli() + s / 4 * 60_000; // four per minute: ties on time
      Channel channel =
          CHANNELS[
              Math.min(
                  CHANNELS.length - 1,
                  (int) (random.nextDouble() * random.nextDouble() * CHANNELS.length))];
      String id = new UUID((at << 16) | 0x7000L | (s & 0xFFFL), 0x8000000000000000L | s).toString();
      return new Interaction(
          id,
          s,
          channel,
          "x" + s,
          random.nextInt(3) == 0 ? Direction.OUTBOUND : Direction.INBOUND,
          InteractionKind.MESSAGE,
          Instant.ofEpochMilli(at),
          Instant.ofEpochMilli(at + 50),
          customer,
          "conv-" + (s / 7),
          List.of(),
          List.of(channel.wireName() + ":" + id),
          channel == Channel.EMAIL ? words(3 + random.nextInt(4)) : null,
          words(8 + random.nextInt(33)),
          null,
          List.of(),
          false,
          new JsonObject());
    }

    private String words(int count) {
      StringBuilder text = new StringBuilder(count * 8);
      for (int w = 0; w < count; w++) {
        if (w > 0) {
          text.append(w % 9 == 8 ? ". " : " ");
        }
        text.append(word());
      }
      return text.toString();
    }

    private String word() {
      double p = random.nextDouble();
      for (int d = 0; d < DOMAIN.length; d++) {
        p -= DOMAIN_RATE[d] / 20; // rates are per message of ~20 words
        if (p < 0) {
          return DOMAIN[d];
        }
      }
      // Zipf-like: rank ~ vocabulary^u, so a few words are very common
      int rank = (int) Math.pow(vocabulary.length, random.nextDouble()) - 1;
      return vocabulary[rank];
    }

    private static String[] vocabulary(Random random, int size) {
      String consonants = "bcdfghklmnprstvz";
      String vowels = "aeiou";
      String[] words = new String[size];
      for (int i = 0; i < size; i++) {
        StringBuilder w = new StringBuilder();
        int syllables = 1 + random.nextInt(3);
        for (int s = 0; s < syllables; s++) {
          w.append(consonants.charAt(random.nextInt(consonants.length())));
          w.append(vowels.charAt(random.nextInt(vowels.length())));
        }
        words[i] = w.toString();
      }
      return words;
    }
  }
}
