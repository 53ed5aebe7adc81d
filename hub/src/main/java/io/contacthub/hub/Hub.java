package io.contacthub.hub;

import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.conversation.ConversationStore;
import io.contacthub.hub.conversation.ThreadingPolicy;
import io.contacthub.hub.customers.CustomerActivity;
import io.contacthub.hub.customers.CustomerValueOptions;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.identity.IdentityNormalizer;
import io.contacthub.hub.ingest.ChangeEvents;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.ingest.CustomerChanges;
import io.contacthub.hub.ingest.IndexProjector;
import io.contacthub.hub.ingest.IngestMeters;
import io.contacthub.hub.ingest.IngestSequencer;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.log.InteractionLog;
import io.contacthub.hub.log.LogOptions;
import io.contacthub.hub.log.SegmentedFileLog;
import io.contacthub.hub.log.SharedLog;
import io.contacthub.hub.query.LocalQueryService;
import io.contacthub.hub.query.QueryService;
import io.contacthub.hub.query.RecentCustomerWrites;
import io.contacthub.hub.routing.RoutingConfig;
import io.contacthub.hub.routing.RoutingService;
import io.contacthub.hub.routing.SharedRouting;
import io.contacthub.hub.timeline.LuceneTimelineIndex;
import io.contacthub.hub.timeline.TimelineIndex;
import io.contacthub.hub.timeline.TimelineOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's core in embedded mode: log, index, in-memory state and the services over them. Opening
 * rebuilds state from the last index commit plus the log after it, so whatever was acknowledged
 * before a crash is back, once, before the first request is served.
 */
public final class Hub implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
  private static final int REPLAY_BATCH = 4096;

  private final FileLock dataLock;
  private final InteractionLog log;
  private final TimelineIndex index;
  private final IndexProjector projector;
  private final IngestSequencer sequencer;
  private final LocalQueryService queries;
  private final WorkerExecutor workers;
  private final CustomerDirectory customers;
  private final ConversationStore conversations;
  private final IdentityNormalizer normalizer;
  private final List<IngestSequencer.ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final RoutingService routing;

  private Hub(
      Vertx vertx,
      HubConfig config,
      Clock clock,
      SharedLog shared,
      SharedRouting sharedRouting,
      FileLock dataLock)
      throws IOException {
    this.dataLock = dataLock;
    Path data = config.dataDir();
    this.customers = new CustomerDirectory();
    this.conversations = new ConversationStore();
    this.normalizer = new IdentityNormalizer(config.defaultRegion());
    this.index =
        LuceneTimelineIndex.open(
            data.resolve("index"), TimelineOptions.DEFAULT.withMaxStale(config.refreshInterval()));
    this.log =
        SegmentedFileLog.open(
            data.resolve("log"),
            new LogOptions(config.logSegmentBytes(), LogOptions.DEFAULT_FSYNC));
    this.projector = new IndexProjector(index, log, config.commitInterval());
    RoutingConfig routingConfig = RoutingConfig.from(config.section("routing"));
    this.routing =
        sharedRouting == null
            ? RoutingService.open(vertx, routingConfig, clock, customers, data.resolve("routing"))
            : RoutingService.join(
                vertx,
                routingConfig,
                clock,
                customers,
                sharedRouting,
                (from, each) -> replayForRouting(shared, from, each));
    recover();
    projector.start();
    ChangeEvents events = new ChangeEvents(new LiveEvents(vertx));
    RecentCustomerWrites recentWrites = new RecentCustomerWrites(index::searchableSeq);
    this.sequencer =
        new IngestSequencer(
            vertx,
            log,
            shared,
            index,
            customers,
            conversations,
            normalizer,
            new ThreadingPolicy(conversations, config.continuityWindow()),
            new CustomerActivity(CustomerValueOptions.from(config.section("customers"))),
            (seq, record) -> {
              projector.durable(seq, record);
              recentWrites.durable(seq, record);
              listeners.forEach(l -> l.durable(seq, record));
              // The stream targets filtered connections by routing's placement of a conversation,
              // so its events go out once routing has placed it.
              routing.durable(seq, record, () -> events.durable(seq, record));
            },
            // Another node decided these: it tells its listeners and raises their live events
            // (which reach this node's agents over pub/sub); this node indexes them, and routes
            // them if it is the node that routes (cluster routing, decision 0021).
            (seq, record) -> {
              projector.durable(seq, record);
              recentWrites.durable(seq, record);
              routing.durable(seq, record);
            },
            projector);
    if (shared != null) {
      sequencer.catchUpNow();
      awaitSearchable(log.nextSeq() - 1);
      shared.follow(log.nextSeq() - 1, sequencer::arrived);
    }
    routing.start();
    this.workers = vertx.createSharedWorkerExecutor("hub-query", 8);
    this.queries =
        new LocalQueryService(
            customers,
            conversations,
            index,
            normalizer,
            workers,
            () -> log.nextSeq() - 1,
            recentWrites);
  }

  /** Opens the hub on its data directory. Blocking: call it from a worker or the main thread. */
  public static Hub open(Vertx vertx, HubConfig config) throws IOException {
    return open(vertx, config, Clock.systemUTC());
  }

  /** With the clock routing reads (its timers, waits and metrics); tests pass one they move. */
  public static Hub open(Vertx vertx, HubConfig config, Clock clock) throws IOException {
    return open(vertx, config, clock, null);
  }

  /**
   * In cluster mode ({@code shared} given): catches up with the shared log before it returns, then
   * follows it.
   */
  public static Hub open(Vertx vertx, HubConfig config, Clock clock, SharedLog shared)
      throws IOException {
    return open(vertx, config, clock, shared, null);
  }

  /**
   * In cluster mode, with routing shared too ({@code sharedRouting} given): routing's state comes
   * from the shared journal, and this node routes only while it holds the lead.
   */
  public static Hub open(
      Vertx vertx, HubConfig config, Clock clock, SharedLog shared, SharedRouting sharedRouting)
      throws IOException {
    Files.createDirectories(config.dataDir());
    FileChannel lockFile =
        FileChannel.open(
            config.dataDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = lockFile.tryLock();
    if (lock == null) {
      lockFile.close();
      throw new IOException(
          "data dir " + config.dataDir().toAbsolutePath() + " is in use by another hub process");
    }
    try {
      return new Hub(vertx, config, clock, shared, sharedRouting, lock);
    } catch (IOException | RuntimeException e) {
      lock.channel().close();
      throw e;
    }
  }

  /** Loads the committed state, then replays every record after the index commit. */
  private void recover() throws IOException {
    index.forEachCustomer(customers::apply);
    index.forEachConversation(conversations::apply);
    long from = index.committedSeq() + 1;
    List<Long> seqs = new ArrayList<>();
    List<ChangeRecord> batch = new ArrayList<>();
    long[] last = {index.committedSeq()};
    log.replay(
        from,
        (seq, bytes) -> {
          ChangeRecord r = ChangeRecord.decode(bytes);
          r.customers().forEach(customers::apply);
          r.conversations().forEach(conversations::apply);
          routing.replayed(seq, r);
          seqs.add(seq);
          batch.add(r);
          last[0] = seq;
          if (batch.size() >= REPLAY_BATCH) {
            projector.applyNow(seqs, batch);
            seqs.clear();
            batch.clear();
          }
        });
    if (!batch.isEmpty()) {
      projector.applyNow(seqs, batch);
    }
    if (last[0] >= from) {
      LOG.info("replayed log records {}..{} into the index", from, last[0]);
      awaitSearchable(last[0]);
    }
  }

  /**
   * The records from {@code from} on, for a node that takes the lead of routing: from this node's
   * log, or from the shared log where this node's was reclaimed already.
   */
  private void replayForRouting(SharedLog shared, long from, BiConsumer<Long, ChangeRecord> each)
      throws IOException {
    long end = log.nextSeq() - 1;
    try {
      log.replay(from, (seq, bytes) -> each.accept(seq, ChangeRecord.decode(bytes)));
      return;
    } catch (IllegalArgumentException reclaimed) {
      LOG.info("routing reads records {}..{} from the shared log", from, end);
    }
    long after = from - 1;
    while (after < end) {
      List<SharedLog.Entry> got = shared.readAfter(after, REPLAY_BATCH);
      if (got.isEmpty()) {
        return;
      }
      for (SharedLog.Entry e : got) {
        each.accept(e.seq(), ChangeRecord.decode(e.record()));
        after = e.seq();
      }
    }
  }

  /** Serving starts once the index shows what the log holds. */
  private void awaitSearchable(long seq) throws IOException {
    try {
      index.awaitSearchable(seq, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the index", e);
    }
  }

  public IngestService ingest() {
    return sequencer;
  }

  public QueryService queries() {
    return queries;
  }

  /** Customer changes without an interaction (imports, offer history), through the writer. */
  public CustomerChanges customerChanges() {
    return sequencer;
  }

  /**
   * Adds a listener told about every record once it is durable, in log order, on the log's thread
   * (it must only hand work off).
   */
  public void onDurable(IngestSequencer.ChangeListener listener) {
    listeners.add(listener);
  }

  /** The log, for readers that replay it (the live stream's resume). */
  /** Registers the spine's meters (log commits, index lag) with {@code registry}. */
  public void bindMeters(MeterRegistry registry) {
    IngestMeters.bind(registry, log, projector, index);
  }

  public InteractionLog log() {
    return log;
  }

  public ConversationStore conversations() {
    return conversations;
  }

  /** Ready when indexing works and keeps up; the JSON says why not otherwise. */
  public JsonObject readiness() {
    Throwable failure = projector.failure();
    return new JsonObject()
        .put("status", failure == null ? "UP" : "DOWN")
        .put("customers", customers.size())
        .put("conversations", conversations.size())
        .put("indexBacklog", projector.backlog())
        .put("searchableSeq", index.searchableSeq())
        .put("nextSeq", log.nextSeq())
        .put("routes", routing.routes())
        .put("indexFailure", failure == null ? null : String.valueOf(failure.getMessage()));
  }

  public RoutingService routing() {
    return routing;
  }

  public CustomerDirectory customers() {
    return customers;
  }

  public IdentityNormalizer normalizer() {
    return normalizer;
  }

  /**
   * Stops in dependency order: no new decisions, the log drains (completing pending acks), the
   * projector indexes and commits the rest, then the index and the lock go.
   */
  @Override
  public void close() throws IOException {
    sequencer.close();
    log.close();
    routing.close();
    try {
      projector.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.close();
    index.close();
    dataLock.channel().close();
    if (projector.failure() != null) {
      // Nothing is lost (the log has it all), but a stop that could not index must not look clean.
      throw new IOException("indexing failed while stopping", projector.failure());
    }
  }
}
