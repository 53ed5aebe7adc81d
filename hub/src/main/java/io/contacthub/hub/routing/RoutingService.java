package io.contacthub.hub.routing;

import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.ingest.IngestSequencer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.ServiceThreads;
import io.contacthub.hub.routing.engine.Changes;
import io.contacthub.hub.routing.engine.RoutingEngine;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.journal.FileRoutingJournal;
import io.contacthub.hub.routing.journal.RoutingJournal;
import io.contacthub.hub.routing.journal.RoutingRecord;
import io.contacthub.hub.routing.metrics.QueueStats;
import io.contacthub.hub.routing.metrics.StatsCalculator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routing engine on its own thread ({@code hub-routing}): consumes the interaction log's
 * durable changes, serves the API's operations, runs the timers every {@link #TICK}, journals each
 * batch of changes and publishes their events once durable, and pushes {@code queue.stats} to
 * supervisors within a tick of a change and every second while contacts wait.
 *
 * <p>In cluster mode (decision 0021) only the node that leads does that; every other node keeps a
 * replica of the state from the shared journal, answers reads from it and forwards operations to
 * the leader. When the lead comes to this node, it first applies the whole journal, then consumes
 * the interaction log from where the journal says routing stopped.
 */
public final class RoutingService implements IngestSequencer.ChangeListener, Closeable {

  static final Duration TICK = Duration.ofMillis(250);
  private static final Duration STATS_EVERY = Duration.ofSeconds(1);

  /** How long a forwarded operation's answer waits for this node's replica to show its change. */
  private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(2);

  private static final int RECORDS_PER_ENTRY = 512;
  private static final int CATCH_UP_BATCH = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(RoutingService.class);

  /** The interaction log's records from a position on: what a new leader has to consume. */
  @FunctionalInterface
  public interface RecordSource {
    void replay(long fromSeq, BiConsumer<Long, ChangeRecord> each) throws IOException;
  }

  private record Waiter(long seq, CompletableFuture<Void> shown) {}

  private final Vertx vertx;
  private final RoutingConfig config;
  private final Clock clock;
  private final CustomerDirectory customers;
  private final SharedRouting shared;
  private final RecordSource records;
  private final LiveEvents live;
  private final StatsCalculator calculator;
  private final RoutingView view;
  private final AtomicReference<QueueStats> latest = new AtomicReference<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "hub-routing"));
  private volatile Consumer<Changes> changeObserver = c -> {};

  /** Log records handed to the routing thread and not consumed yet. */
  private final AtomicInteger recordsQueued = new AtomicInteger();

  // Touched on the routing thread only.
  private RoutingEngine engine;
  private RoutingIntake intake;

  /** Where changes go: the file journal on a single node; the term while this node leads. */
  private RoutingJournal journal;

  /** Whether this node routes now ({@code journal} is set), readable from any thread. */
  private volatile boolean routes;

  /** Cluster mode: the last shared journal entry the state holds; whether to load it again. */
  private long applied;

  private boolean stale;
  private boolean reloadFailing;
  private final List<Waiter> waiters = new ArrayList<>();

  /** What to run once the records consumed since the last journal entry are journaled. */
  private final List<Runnable> placedSinceEntry = new ArrayList<>();

  private long publishedVersion = -1;
  private Instant publishedAt = Instant.EPOCH;

  private RoutingService(
      Vertx vertx,
      RoutingConfig config,
      Clock clock,
      CustomerDirectory customers,
      RoutingState state,
      RoutingJournal journal,
      SharedRouting shared,
      RecordSource records) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.customers = customers;
    this.journal = journal;
    this.routes = journal != null;
    this.shared = shared;
    this.records = records;
    this.live = new LiveEvents(vertx);
    this.calculator = new StatsCalculator(config);
    this.view = new RoutingView(config);
    use(state);
  }

  /** A single node: opens the journal in {@code dir} and recovers the state. Blocking. */
  public static RoutingService open(
      Vertx vertx, RoutingConfig config, Clock clock, CustomerDirectory customers, Path dir)
      throws IOException {
    FileRoutingJournal journal = FileRoutingJournal.open(dir);
    try {
      return new RoutingService(
          vertx, config, clock, customers, journal.recover(), journal, null, null);
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  /**
   * Cluster mode: loads the replica from the shared journal; {@code records} serves the interaction
   * log when the lead comes here. Blocking.
   */
  public static RoutingService join(
      Vertx vertx,
      RoutingConfig config,
      Clock clock,
      CustomerDirectory customers,
      SharedRouting shared,
      RecordSource records) {
    SharedRouting.Loaded loaded = shared.load();
    RoutingService service =
        new RoutingService(vertx, config, clock, customers, loaded.state(), null, shared, records);
    service.applied = loaded.seq();
    return service;
  }

  /**
   * A record the hub replayed from its log at start: consumed if routing had not journaled it
   * before the stop (the moment between the two writes). Call before {@link #start()}. In cluster
   * mode the leader consumes from the position the shared journal holds instead.
   */
  public void replayed(long seq, ChangeRecord record) {
    if (shared == null) {
      intake.consume(seq, record);
    }
  }

  /** Journals what recovery changed and starts the timers; in cluster mode, joins the others. */
  public void start() {
    thread.execute(this::commit);
    if (shared != null) {
      shared.follow(applied, entries -> onThread(() -> applyEntries(entries)));
      shared.serve(this::serveForwarded);
      shared.campaign(
          new SharedRouting.Candidate() {
            @Override
            public void elected(SharedRouting.Term term) {
              onThread(() -> lead(term));
            }

            @Override
            public void deposed(SharedRouting.Term term) {
              onThread(
                  () -> {
                    if (journal == term) {
                      stepDown("its lease ended");
                    }
                  });
            }
          });
    }
    thread.scheduleWithFixedDelay(
        this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void durable(long seq, ChangeRecord record) {
    durable(seq, record, () -> {});
  }

  /**
   * Consumes a durable record (if this node routes), then runs {@code placed} on the routing
   * thread: by then {@link #view()} shows where the record's conversation is (waiting in a queue,
   * offered, assigned) as far as this node knows.
   */
  public void durable(long seq, ChangeRecord record, Runnable placed) {
    recordsQueued.incrementAndGet();
    try {
      thread.execute(
          () -> {
            int queuedBehind = recordsQueued.decrementAndGet();
            try {
              if (journal != null) {
                intake.consume(seq, record);
              }
            } catch (RuntimeException e) {
              LOG.error("routing could not consume log record {}", seq, e);
            }
            placedSinceEntry.add(placed);
            if (queuedBehind == 0 || placedSinceEntry.size() >= RECORDS_PER_ENTRY) {
              journalRecords();
            }
          });
    } catch (RejectedExecutionException e) {
      recordsQueued.decrementAndGet();
      // Stopping: the record is in the log, and the next start consumes it from there.
      placed.run();
    }
  }

  /**
   * One journal entry for the records consumed since the last, then their {@code placed} actions.
   * An entry per record cost more than deciding it (an encoded entry and a sync each); records come
   * in groups, a batch request's all at once.
   */
  private void journalRecords() {
    List<Runnable> placed = List.copyOf(placedSinceEntry);
    placedSinceEntry.clear();
    try {
      if (journal != null) {
        commit();
      }
    } catch (RuntimeException e) {
      LOG.error("routing could not journal its changes", e);
    } finally {
      // The records are durable: their events go out even if routing failed on them.
      placed.forEach(Runnable::run);
    }
  }

  /**
   * Runs an operation that changes routing, on the node that routes; the future completes, on the
   * caller's context, once its changes are durable and this node's state shows them.
   */
  public Future<JsonObject> execute(RoutingCommand command) {
    return onContext(
        () ->
            supply(
                    () -> {
                      if (journal != null) {
                        return applyAndCommit(command).thenApply(SharedRouting.Answer::body);
                      }
                      if (shared == null || stale) {
                        throw HubException.unavailable("routing is not available", 2);
                      }
                      return shared
                          .forward(command.toJson())
                          .thenCompose(a -> shown(a.seq()).thenApply(v -> a.body()));
                    })
                .thenCompose(f -> f));
  }

  /** Reads routing's state on its thread; the future completes on the caller's context. */
  public <T> Future<T> read(Function<RoutingEngine, T> query) {
    return onContext(() -> supply(() -> query.apply(engine)));
  }

  /** The live snapshot, computed now. */
  public Future<QueueStats> stats() {
    return read(e -> calculator.compute(e.state(), e.clock().instant()));
  }

  /** The snapshot last computed by the timer (for the meters; at most a tick old). */
  public QueueStats latestStats() {
    return latest.get();
  }

  /** Told about every batch of changes this node journals (the meters count outcomes). */
  public void observeChanges(Consumer<Changes> observer) {
    this.changeObserver = observer;
  }

  public RoutingConfig config() {
    return config;
  }

  /** Whether this node routes: always on a single node; in cluster mode while it leads. */
  public boolean routes() {
    return routes;
  }

  /** Who holds what and who is available, readable from any thread without a hop. */
  public RoutingView view() {
    return view;
  }

  /** Starts using {@code state}: at open, and in cluster mode after loading it again. */
  private void use(RoutingState state) {
    state.drain();
    this.engine = new RoutingEngine(config, state, clock);
    this.intake = new RoutingIntake(engine, customers);
    this.view.reset(state);
    this.latest.set(calculator.compute(state, clock.instant()));
    this.publishedVersion = -1;
  }

  private CompletableFuture<SharedRouting.Answer> applyAndCommit(RoutingCommand command) {
    JsonObject body = command.apply(engine);
    return commit().thenApply(seq -> new SharedRouting.Answer(body, seq));
  }

  /** A command another node forwarded: answered only while this node leads. */
  private CompletableFuture<SharedRouting.Answer> serveForwarded(JsonObject command) {
    return supply(
            () -> {
              if (journal == null) {
                return null;
              }
              try {
                return applyAndCommit(RoutingCommand.fromJson(command));
              } catch (RuntimeException e) {
                return CompletableFuture.<SharedRouting.Answer>failedFuture(e);
              }
            })
        .thenCompose(f -> f == null ? CompletableFuture.completedFuture(null) : f);
  }

  private void tick() {
    try {
      if (journal == null) {
        follow();
        return;
      }
      engine.tick();
      commit();
      publishStats();
      if (journal.snapshotDue()) {
        snapshot()
            .exceptionally(
                failure -> {
                  LOG.error("Routing snapshot failed; the journal keeps every entry", failure);
                  return null;
                });
      }
    } catch (RuntimeException e) {
      LOG.error("routing tick failed", e);
    }
  }

  /**
   * Writes the whole state to the journal, saying what it cost: routing waits while the state is
   * frozen (a cluster's shared journal: while it is written), the writing takes the rest.
   */
  private CompletableFuture<Long> snapshot() {
    long start = System.nanoTime();
    int items = engine.state().items().size();
    CompletableFuture<Long> written = journal.snapshot(engine.state());
    long waited = (System.nanoTime() - start) / 1_000_000;
    return written.thenApply(
        bytes -> {
          LOG.info(
              "Routing snapshot: {} open items, {} KB, {} ms, routing waited {} ms",
              items,
              bytes >> 10,
              (System.nanoTime() - start) / 1_000_000,
              waited);
          return bytes;
        });
  }

  /** A node that does not lead: loads the state again if it must, keeps the meters' stats fresh. */
  private void follow() {
    if (stale) {
      reload();
    }
    Instant now = clock.instant();
    if (Duration.between(publishedAt, now).compareTo(STATS_EVERY) >= 0) {
      // The leader forgets old outcomes on its ticks; a replica on its own, as the journal
      // carries outcomes, not their forgetting.
      engine.state().forgetOutcomesBefore(now.minus(config.statsWindow()));
      latest.set(calculator.compute(engine.state(), now));
      publishedAt = now;
    }
  }

  /** Pushes stats when something changed, and each second while contacts wait (waits grow). */
  private void publishStats() {
    Instant now = engine.clock().instant();
    RoutingState state = engine.state();
    boolean changed = state.version() != publishedVersion;
    boolean waiting = !state.waitingByQueue().isEmpty();
    boolean due = Duration.between(publishedAt, now).compareTo(STATS_EVERY) >= 0;
    if (!changed && !(waiting && due)) {
      return;
    }
    QueueStats stats = calculator.compute(state, now);
    latest.set(stats);
    publishedVersion = state.version();
    publishedAt = now;
    live.publish(HubEvent.QUEUE_STATS, stats.toJson(), Audience.SUPERVISORS);
  }

  /**
   * Journals what changed; publishes its events once durable. The future holds the entry's
   * position, or -1 when nothing changed. On the routing thread only, while this node routes.
   */
  private CompletableFuture<Long> commit() {
    Changes changes = engine.state().drain();
    if (changes.isEmpty()) {
      return CompletableFuture.completedFuture(-1L);
    }
    changeObserver.accept(changes);
    // Before the events go out: the stream targets a conversation's events by its holders.
    view.apply(changes, engine.state(), engine.clock().instant());
    RoutingJournal to = journal;
    return to.append(RoutingRecord.encode(changes, engine.state()))
        .whenComplete(
            (seq, e) -> {
              if (e == null) {
                changes.events().forEach(x -> live.publish(x.type(), x.payload(), x.audience()));
              } else if (shared != null) {
                // The state holds a change the journal does not: the journal's state is the truth.
                onThread(
                    () -> {
                      if (journal == to) {
                        stepDown("the journal refused a change (" + e.getMessage() + ")");
                      }
                    });
              }
            });
  }

  // ---- cluster mode -------------------------------------------------------------------------

  /** This node won a term: it catches up with the journal and the log, then routes. */
  private void lead(SharedRouting.Term term) {
    try {
      if (stale) {
        reload();
      }
      catchUp();
      journal = term;
      routes = true;
      long from = engine.state().consumedSeq() + 1;
      // The offers inherited, before the log adds new ones: the last leader may have journaled
      // one and died before its event went out. They go out once this term's first append stands.
      engine.repeatOpenOffers();
      engine.reconsiderBacklog();
      records.replay(from, intake::consume);
      commit();
      LOG.info(
          "This node routes now (term {}), from journal entry {} and log record {}",
          term.id(),
          applied,
          from);
    } catch (IOException | RuntimeException e) {
      journal = term;
      stepDown("taking the lead failed (" + e.getMessage() + ")");
    }
  }

  /** Leaves the lead: what this node changed but did not journal is dropped by loading again. */
  private void stepDown(String why) {
    LOG.warn("This node no longer routes: {}", why);
    resign();
    journal = null;
    routes = false;
    stale = true;
    reload();
  }

  /** Gives the lease up, so another node need not wait for it to expire. */
  private void resign() {
    try {
      journal.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not give the routing lease up: {}", e.getMessage());
    }
  }

  /** Reads every journal entry this node has not applied yet. */
  private void catchUp() {
    List<SharedRouting.Entry> got;
    do {
      got = shared.readAfter(applied, CATCH_UP_BATCH);
      applyEntries(got);
    } while (got.size() == CATCH_UP_BATCH && !stale);
    if (stale) {
      reload();
    }
  }

  private void reload() {
    try {
      SharedRouting.Loaded loaded = shared.load();
      use(loaded.state());
      applied = loaded.seq();
      stale = false;
      if (reloadFailing) {
        LOG.info("Routing's state is loaded from the shared journal again");
        reloadFailing = false;
      }
      release();
    } catch (RuntimeException e) {
      stale = true;
      if (!reloadFailing) {
        LOG.warn("Cannot load routing's state from the shared journal yet: {}", e.getMessage());
        reloadFailing = true;
      }
    }
  }

  /** The leader's entries, applied to this node's replica in order. */
  private void applyEntries(List<SharedRouting.Entry> entries) {
    if (stale) {
      return;
    }
    for (SharedRouting.Entry e : entries) {
      if (e.seq() <= applied) {
        continue;
      }
      if (e.seq() != applied + 1) {
        // Entries before this one were trimmed behind a snapshot: start from the snapshot.
        reload();
        return;
      }
      if (journal instanceof SharedRouting.Term t) {
        if (!t.id().equals(e.term())) {
          stepDown("node term " + e.term() + " wrote to the journal");
          return;
        }
      } else {
        RoutingRecord.apply(e.record(), engine.state());
      }
      applied = e.seq();
    }
    if (journal == null) {
      view.apply(engine.state().drain(), engine.state(), clock.instant());
    }
    release();
  }

  /** Completes when this node's state holds journal entry {@code seq}, or after a short wait. */
  private CompletableFuture<Void> shown(long seq) {
    CompletableFuture<Void> shown = new CompletableFuture<>();
    onThread(
        () -> {
          if (seq <= applied) {
            shown.complete(null);
          } else {
            waiters.add(new Waiter(seq, shown));
          }
        });
    return shown.completeOnTimeout(null, READ_YOUR_WRITES.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void release() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.seq() <= applied || w.shown().isDone()) {
        w.shown().complete(null);
        it.remove();
      }
    }
  }

  // ---- threads ------------------------------------------------------------------------------

  private void onThread(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      // Stopping.
    }
  }

  private <T> CompletableFuture<T> supply(Supplier<T> task) {
    try {
      return CompletableFuture.supplyAsync(task, thread);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(HubException.unavailable("the hub is stopping", 5));
    }
  }

  /** Completes a Vert.x future on the caller's context with what {@code work} ends with. */
  private <T> Future<T> onContext(Supplier<CompletableFuture<T>> work) {
    return ServiceThreads.onContext(work.get(), vertx.getOrCreateContext(), "the routing journal");
  }

  /**
   * Stops the timers and operations, snapshots the state (a quick next start) and closes the
   * journal.
   */
  @Override
  public void close() throws IOException {
    ServiceThreads.stop(thread);
    if (journal == null) {
      return;
    }
    try {
      journal.hurry();
      snapshot().join();
    } catch (RuntimeException e) {
      Throwable failure = e instanceof CompletionException ? e.getCause() : e;
      if (shared == null && failure instanceof IOException io) {
        throw io;
      }
      if (shared == null) {
        throw e;
      }
      LOG.debug("No routing snapshot at the stop: {}", failure.getMessage());
    } finally {
      // In cluster mode this gives the lease up, so another node routes at once.
      journal.close();
    }
  }
}
