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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hub's own index ({@link LuceneTimelineIndex}: its fields, index sort, refresh thread and
 * commits) fed the corpus from one thread, without HTTP, log, identity or threading: what the hub's
 * index costs by itself, to set beside the hub (the whole path) and bare Lucene (a lighter
 * document, no refresh). Ids are made up as the hub would make them; a customer's conversation is
 * the customer's three-day window, standing in for the continuity window. With {@code snapshots},
 * every interaction also passes its conversation (one message longer) and, the first time, its
 * customer, as the hub's records do; the index writes them at its commits.
 *
 * <p>Command (after {@code mvn -Pbench test-compile}): {@code java -Xmx2g -cp ... HubIndexAlone
 * CORPUS COUNT [REFRESH_MS [snapshots]]}.
 */
public final class HubIndexAlone {

  private static final int BATCH = 2_000; // about what the hub's indexer drains at a time
  private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(30);
  private static final List<Interaction> END = List.of();

  private HubIndexAlone() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    long count = Long.parseLong(args[1]);
    long refreshMillis = args.length > 2 ? Long.parseLong(args[2]) : 250;
    boolean snapshots = args.length > 3 && args[3].equals("snapshots");
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
    try (LuceneTimelineIndex index = LuceneTimelineIndex.open(dir, options)) {
      long lastCommit = System.nanoTime();
      for (List<Interaction> batch = batches.take(); batch != END; batch = batches.take()) {
        seq += batch.size();
        index.apply(
            batch,
            snapshots ? customers(batch, seen) : List.of(),
            snapshots ? conversations(batch) : List.of(),
            seq);
        indexed += batch.size();
        if (System.nanoTime() - lastCommit > COMMIT_INTERVAL.toNanos()) {
          index.commit();
          lastCommit = System.nanoTime();
        }
      }
      index.awaitSearchable(seq, Duration.ofSeconds(30));
      index.commit();
      used = ThreadCpu.of(ProcessHandle.current().pid()).since(before); // while its threads live
    } finally {
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
            + " %.1f s = %.0f µs each (the corpus reader's JSON parsing included)%n  by thread: %s%n",
        refreshMillis,
        indexed,
        seconds,
        indexed / seconds,
        cpu,
        cpu / indexed * 1e6,
        used.top(10));
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
