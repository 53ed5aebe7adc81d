package io.contacthub.hub.routing;

import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.ingest.IngestSequencer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.engine.Changes;
import io.contacthub.hub.routing.engine.RoutingEngine;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.journal.RoutingJournal;
import io.contacthub.hub.routing.journal.RoutingRecord;
import io.contacthub.hub.routing.metrics.QueueStats;
import io.contacthub.hub.routing.metrics.StatsCalculator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routing engine on its own thread ({@code hub-routing}): consumes the interaction log's
 * durable changes, serves the API's operations, runs the timers every {@link #TICK}, journals each
 * batch of changes and publishes their events once durable, and pushes {@code queue.stats} to
 * supervisors within a tick of a change and every second while contacts wait.
 */
public final class RoutingService implements IngestSequencer.ChangeListener, Closeable {

  static final Duration TICK = Duration.ofMillis(250);
  private static final Duration STATS_EVERY = Duration.ofSeconds(1);
  private static final long SNAPSHOT_EVERY = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(RoutingService.class);

  private final Vertx vertx;
  private final RoutingEngine engine;
  private final RoutingIntake intake;
  private final RoutingJournal journal;
  private final LiveEvents live;
  private final StatsCalculator calculator;
  private final RoutingView view;
  private final AtomicReference<QueueStats> latest = new AtomicReference<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "hub-routing"));
  private volatile Consumer<Changes> changeObserver = c -> {};
  private long publishedVersion = -1;
  private Instant publishedAt = Instant.EPOCH;

  private RoutingService(
      Vertx vertx,
      RoutingConfig config,
      Clock clock,
      CustomerDirectory customers,
      RoutingJournal journal,
      RoutingState state) {
    this.vertx = vertx;
    this.engine = new RoutingEngine(config, state, clock);
    this.intake = new RoutingIntake(engine, customers);
    this.journal = journal;
    this.live = new LiveEvents(vertx);
    this.calculator = new StatsCalculator(config);
    this.latest.set(calculator.compute(state, clock.instant()));
    this.view = new RoutingView(config);
    this.view.load(state);
  }

  /** Opens the journal in {@code dir} and recovers the state. Blocking. */
  public static RoutingService open(
      Vertx vertx, RoutingConfig config, Clock clock, CustomerDirectory customers, Path dir)
      throws IOException {
    RoutingJournal journal = RoutingJournal.open(dir);
    try {
      return new RoutingService(vertx, config, clock, customers, journal, journal.recover());
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  /**
   * A record the hub replayed from its log at start: consumed if routing had not journaled it
   * before the stop (the moment between the two writes). Call before {@link #start()}.
   */
  public void replayed(long seq, ChangeRecord record) {
    intake.consume(seq, record);
  }

  /** Journals what recovery changed and starts the timers. */
  public void start() {
    thread.execute(this::commit);
    thread.scheduleWithFixedDelay(
        this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void durable(long seq, ChangeRecord record) {
    durable(seq, record, () -> {});
  }

  /**
   * Consumes a durable record, then runs {@code placed} on the routing thread: by then {@link
   * #view()} shows where the record's conversation is (waiting in a queue, offered, assigned).
   */
  public void durable(long seq, ChangeRecord record, Runnable placed) {
    try {
      thread.execute(
          () -> {
            try {
              intake.consume(seq, record);
              commit();
            } finally {
              // The record is durable: its events go out even if routing failed on it.
              placed.run();
            }
          });
    } catch (RejectedExecutionException e) {
      // Stopping: the record is in the log, and the next start consumes it from there.
      placed.run();
    }
  }

  /**
   * Runs an operation on the routing thread; the future completes, on the caller's context, once
   * its changes are durable.
   */
  public <T> Future<T> run(Function<RoutingEngine, T> op) {
    Context ctx = vertx.getOrCreateContext();
    CompletableFuture<T> result;
    try {
      result =
          CompletableFuture.supplyAsync(
                  () -> {
                    T value = op.apply(engine);
                    return commit().thenApply(v -> value);
                  },
                  thread)
              .thenCompose(f -> f);
    } catch (RejectedExecutionException e) {
      result = CompletableFuture.failedFuture(HubException.unavailable("the hub is stopping", 5));
    }
    Promise<T> promise = Promise.promise();
    result.whenComplete(
        (v, e) ->
            ctx.runOnContext(
                x -> {
                  if (e == null) {
                    promise.complete(v);
                  } else {
                    promise.fail(unwrap(e));
                  }
                }));
    return promise.future();
  }

  /** The live snapshot, computed now. */
  public Future<QueueStats> stats() {
    return run(e -> calculator.compute(e.state(), e.clock().instant()));
  }

  /** The snapshot last computed by the timer (for the meters; at most a tick old). */
  public QueueStats latestStats() {
    return latest.get();
  }

  /** Told about every batch of changes on the routing thread (the meters count outcomes). */
  public void observeChanges(Consumer<Changes> observer) {
    this.changeObserver = observer;
  }

  public RoutingConfig config() {
    return engine.config();
  }

  /** Who holds what and who is available, readable from any thread without a hop. */
  public RoutingView view() {
    return view;
  }

  private void tick() {
    try {
      engine.tick();
      commit();
      publishStats();
      if (journal.sinceSnapshot() >= SNAPSHOT_EVERY) {
        journal.snapshot(RoutingRecord.snapshot(engine.state()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("routing tick failed", e);
    }
  }

  /** Pushes stats when something changed, and each second while contacts wait (waits grow). */
  private void publishStats() {
    Instant now = engine.clock().instant();
    RoutingState state = engine.state();
    boolean changed = state.version() != publishedVersion;
    boolean waiting =
        !state.waiting().isEmpty() || state.items().stream().anyMatch(w -> w.isWaiting());
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

  /** Journals what changed; publishes its events once durable. On the routing thread only. */
  private CompletableFuture<Void> commit() {
    Changes changes = engine.state().drain();
    if (changes.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    changeObserver.accept(changes);
    // Before the events go out: the stream targets a conversation's events by its holders.
    view.apply(changes, engine.state(), engine.clock().instant());
    return journal
        .append(RoutingRecord.encode(changes, engine.state()))
        .thenAccept(
            seq ->
                changes.events().forEach(e -> live.publish(e.type(), e.payload(), e.audience())));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException || cause instanceof UncheckedIOException) {
      return HubException.unavailable("the routing journal cannot write: " + cause.getMessage(), 5);
    }
    return cause;
  }

  /**
   * Stops the timers and operations, snapshots the state (a quick next start), closes the journal.
   */
  @Override
  public void close() throws IOException {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      journal.snapshot(RoutingRecord.snapshot(engine.state()));
    } finally {
      journal.close();
    }
  }
}
