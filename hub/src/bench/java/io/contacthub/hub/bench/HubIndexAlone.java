package io.contacthub.hub.bench;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Ids;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.NormalizedIdentity;
import io.contacthub.hub.timeline.LuceneTimelineIndex;
import io.contacthub.hub.timeline.TimelineOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The hub's own index ({@link LuceneTimelineIndex}: its fields, index sort, refresh thread and
 * commits) fed the corpus from one thread, without HTTP, log, identity or threading: what the hub's
 * index costs by itself, to set beside the hub (the whole path) and bare Lucene (a lighter
 * document, no refresh). Ids are made up as the hub would make them; a customer's conversation is
 * the customer's three-day window, standing in for the continuity window. With {@code snapshots},
 * every interaction also passes its conversation (one message longer) and, the first time, its
 * customer, as the hub's records do; the index writes them at its commits, which run on a thread of
 * their own every 30 s as the hub's do. It also prints how long each batch took from being applied
 * to being searchable, as a thread polling the index every 2 ms saw it.
 *
 * <p>Command (after {@code mvn -Pbench test-compile}): {@code java -Xmx2g -cp ... HubIndexAlone
 * CORPUS COUNT [REFRESH_MS [snapshots [STEADY]]]}: the last STEADY interactions at 1,000/s, as the
 * spine bench's single requests come after its batches.
 */
public final class HubIndexAlone {

  private static final int BATCH = 2_000; // about what the hub's indexer drains at a time
  private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(30);
  private static final List<Interaction> END = List.of();

  /** After the burst: 10 interactions every 10 ms, 1,000/s. */
  private static final int STEADY_BATCH = 10;

  private static final long STEADY_BATCH_NANOS = 10_000_000;

  private HubIndexAlone() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    long count = Long.parseLong(args[1]);
    long refreshMillis = args.length > 2 ? Long.parseLong(args[2]) : 250;
    boolean snapshots = args.length > 3 && args[3].equals("snapshots");
    long steady = args.length > 4 ? Long.parseLong(args[4]) : 0;
    Path dir = Files.createTempDirectory("hub-index-alone");
    TimelineOptions options =
        TimelineOptions.DEFAULT.withMaxStale(Duration.ofMillis(refreshMillis));
    BlockingQueue<List<Interaction>> batches = new ArrayBlockingQueue<>(4);
    AtomicReference<Exception> readFailure = new AtomicReference<>();
    Thread reader =
        Thread.ofPlatform()
            .name("bench-reader")
            .start(() -> read(corpus, count, batches, readFailure));
    ThreadCpu before = ThreadCpu.of(ProcessHandle.current().pid());
    double cpuBefore = CpuTime.self();
    long begin = System.nanoTime();
    long indexed = 0;
    long seq = 0;
    Set<String> seen = new HashSet<>();
    ThreadCpu used;
    Latencies toSearchable = new Latencies();
    Latencies steadyToSearchable = new Latencies();
    Latencies commits = new Latencies();
    ExecutorService committer = Executors.newSingleThreadExecutor();
    try (LuceneTimelineIndex index = LuceneTimelineIndex.open(dir, options)) {
      ConcurrentLinkedQueue<long[]> applied = new ConcurrentLinkedQueue<>();
      AtomicBoolean indexing = new AtomicBoolean(true);
      Thread watcher =
          Thread.ofPlatform()
              .name("bench-searchable-watch")
              .start(() -> watch(index, applied, indexing, toSearchable, steadyToSearchable));
      long lastCommit = System.nanoTime();
      Future<?> commit = CompletableFuture.completedFuture(null);
      long steadyFrom = count - steady;
      long due = 0;
      for (List<Interaction> read = batches.take(); read != END; read = batches.take()) {
        boolean paced = indexed >= steadyFrom;
        for (List<Interaction> batch : paced ? slices(read, STEADY_BATCH) : List.of(read)) {
          if (paced) {
            due = Math.max(due, System.nanoTime()) + STEADY_BATCH_NANOS;
            LockSupport.parkNanos(due - System.nanoTime()); // the load's pace
          }
          seq += batch.size();
          index.apply(
              batch,
              snapshots ? customers(batch, seen) : List.of(),
              snapshots ? conversations(batch) : List.of(),
              seq);
          applied.add(new long[] {seq, System.nanoTime(), paced ? 1 : 0});
          indexed += batch.size();
          if (System.nanoTime() - lastCommit > COMMIT_INTERVAL.toNanos() && commit.isDone()) {
            commit.get();
            commit = committer.submit(() -> timed(index, true, commits));
            lastCommit = System.nanoTime();
          }
        }
      }
      commit.get();
      index.awaitSearchable(seq, Duration.ofSeconds(30));
      indexing.set(false);
      watcher.join();
      timed(index, false, commits);
      used = ThreadCpu.of(ProcessHandle.current().pid()).since(before); // while its threads live
    } finally {
      committer.shutdown();
      WorkDir.delete(dir); // about 800 MB at a million interactions
    }
    reader.join();
    if (readFailure.get() != null) {
      throw new IllegalStateException("reading the corpus failed", readFailure.get());
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    double cpu = CpuTime.self() - cpuBefore - used.compilation();
    System.out.printf(
        Locale.ROOT,
        "hub index alone, refresh %d ms: %,d interactions in %.1f s = %,.0f/s; CPU, JIT excluded,"
            + " %.1f s = %.0f µs each (the corpus reader's JSON parsing included)%n  by thread: %s%n"
            + "  applied to searchable, per batch: %s%n"
            + "  of those, at 1,000/s after the burst: %s%n  commits: %s%n",
        refreshMillis,
        indexed,
        seconds,
        indexed / seconds,
        cpu,
        cpu / indexed * 1e6,
        used.top(10),
        toSearchable.summary(),
        steadyToSearchable.summary(),
        commits.summary());
  }

  private static Void timed(LuceneTimelineIndex index, boolean paced, Latencies commits)
      throws Exception {
    long start = System.nanoTime();
    index.commit(paced);
    commits.record(System.nanoTime() - start);
    return null;
  }

  private static List<List<Interaction>> slices(List<Interaction> batch, int size) {
    List<List<Interaction>> slices = new ArrayList<>();
    for (int from = 0; from < batch.size(); from += size) {
      slices.add(batch.subList(from, Math.min(from + size, batch.size())));
    }
    return slices;
  }

  /** Records, for each applied batch, the time until the index showed it to searches. */
  private static void watch(
      LuceneTimelineIndex index,
      ConcurrentLinkedQueue<long[]> applied,
      AtomicBoolean indexing,
      Latencies toSearchable,
      Latencies steadyToSearchable) {
    while (indexing.get() || !applied.isEmpty()) {
      long searchable = index.searchableSeq();
      long now = System.nanoTime();
      for (long[] batch = applied.peek(); batch != null && batch[0] <= searchable; ) {
        toSearchable.record(now - batch[1]);
        if (batch[2] == 1) {
          steadyToSearchable.record(now - batch[1]);
        }
        applied.poll();
        batch = applied.peek();
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  /** A customer the first time one of its interactions comes, as the sequencer records it. */
  private static List<Customer> customers(List<Interaction> batch, Set<String> seen) {
    return batch.stream()
        .filter(i -> seen.add(i.customerId()))
        .map(i -> new Customer(i.customerId(), null, i.identities(), i.occurredAt(), null, null))
        .toList();
  }

  /** The conversation of every interaction, one message longer. */
  private static List<Conversation> conversations(List<Interaction> batch) {
    return batch.stream()
        .map(
            i ->
                new Conversation(
                    i.conversationId(),
                    i.customerId(),
                    ConversationStatus.OPEN,
                    Set.of(i.channel()),
                    i.subject(),
                    i.occurredAt(),
                    i.occurredAt(),
                    i.seq()))
        .toList();
  }

  /**
   * Puts the corpus in batches, then {@link #END}, also when reading fails (in {@code failure}).
   */
  private static void read(
      Path corpus,
      long count,
      BlockingQueue<List<Interaction>> batches,
      AtomicReference<Exception> failure) {
    try (CorpusFile.Reader lines = new CorpusFile.Reader(corpus)) {
      long left = count;
      long seq = 0;
      while (left > 0) {
        List<CorpusFile.Line> chunk = lines.next((int) Math.min(BATCH, left));
        if (chunk.isEmpty()) {
          break;
        }
        List<Interaction> batch = new ArrayList<>(chunk.size());
        for (CorpusFile.Line line : chunk) {
          batch.add(interaction(++seq, line));
        }
        left -= chunk.size();
        batches.put(batch);
      }
    } catch (Exception e) {
      failure.set(e);
    }
    try {
      batches.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Interaction interaction(long seq, CorpusFile.Line line) {
    JsonObject j = Buffer.buffer(line.json()).toJsonObject();
    Channel channel = Channel.fromWireName(j.getString("channel")).orElseThrow();
    Instant at = Instant.parse(j.getString("occurredAt"));
    List<NormalizedIdentity> identities = new ArrayList<>();
    for (Object o : j.getJsonArray("identities", new JsonArray())) {
      JsonObject id = (JsonObject) o;
      identities.add(
          new NormalizedIdentity(
              IdentityType.fromWireName(id.getString("type")).orElseThrow(),
              id.getString("value").toLowerCase(Locale.ROOT),
              id.getBoolean("verified", false)));
    }
    String messageId = j.getString("messageId");
    List<String> threadKeys = messageId == null ? List.of() : List.of("email:" + messageId);
    String customer = "c-" + line.customer();
    return new Interaction(
        Ids.next(),
        seq,
        channel,
        j.getString("externalId"),
        Direction.fromWireName(j.getString("direction")).orElseThrow(),
        InteractionKind.MESSAGE,
        at,
        at,
        customer,
        customer + "-" + at.getEpochSecond() / (72 * 3600),
        identities,
        threadKeys,
        j.getString("subject"),
        j.getString("text"),
        null,
        List.of(),
        false,
        null);
  }
}
