package io.contacthub.hub.ingest;

import io.contacthub.hub.log.InteractionLog;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.timeline.TimelineIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects durable records into the Lucene index on its own thread, in batches (one worker owns the
 * IndexWriter's write path). Commits on an interval, on a thread of their own: a commit flushes and
 * syncs what was written since the last, which took seconds at a million interactions, and indexing
 * (so search, and through {@link #await} acknowledgements) waited that long when the commit ran
 * here. Each commit lets the log reclaim what came before it, since a restart replays only from the
 * commit on.
 */
public final class IndexProjector
    implements IngestSequencer.ChangeListener, IngestSequencer.IndexRoom, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IndexProjector.class);
  private static final int MAX_BATCH = 4096;

  /**
   * Records that may wait to be indexed before {@link #await} holds the sequencer back: about a
   * tenth of a second of indexing, enough to keep the indexer busy. Without a bound a flood of
   * ingests outran search by minutes and filled the heap with records waiting. At 10,000 (over a
   * second) the records waiting lived through several young collections and were then promoted: in
   * the spine bench's batch phase G1 promoted 2.2 GB with it, 1.4 GB with 2,000 and 1.1 GB with
   * 1,000, and its threads took 29–32 s, 22.5 s and 21 s.
   */
  static final int MAX_BACKLOG = 1_000;

  /** Commits at least this long are logged: a disk that syncs slowly shows there first. */
  private static final long SLOW_COMMIT_MILLIS = 1_000;

  /** {@code durableNanos}: when the record was handed over as durable ({@link System#nanoTime}). */
  private record Entry(long seq, ChangeRecord record, long durableNanos) {}

  private static final Entry STOP = new Entry(Long.MIN_VALUE, null, 0);

  /**
   * Told of each batch applied to the index, on the indexing thread: the highest seq in it and when
   * its oldest record became durable.
   */
  @FunctionalInterface
  public interface AppliedObserver {
    AppliedObserver NONE = (upToSeq, oldestDurableNanos) -> {};

    void applied(long upToSeq, long oldestDurableNanos);
  }

  private final TimelineIndex index;
  private final InteractionLog log;
  private final Duration commitInterval;
  private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile long appliedSeq;
  private volatile AppliedObserver appliedObserver = AppliedObserver.NONE;
  private volatile Throwable failure;
  private final Object room = new Object();
  private final ExecutorService committer =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("hub-index-commit").daemon(true).factory());
  private Future<?> commitInFlight = CompletableFuture.completedFuture(null);

  public IndexProjector(TimelineIndex index, InteractionLog log, Duration commitInterval) {
    this.index = index;
    this.log = log;
    this.commitInterval = commitInterval;
    this.appliedSeq = index.committedSeq();
    this.thread = Thread.ofPlatform().name("hub-indexer").unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  @Override
  public void durable(long seq, ChangeRecord record) {
    queue.add(new Entry(seq, record, System.nanoTime()));
  }

  public void observeApplied(AppliedObserver observer) {
    this.appliedObserver = observer;
  }

  /** Records waiting to be indexed: the projection's lag. */
  public int backlog() {
    return queue.size();
  }

  /** Whether more than {@link #MAX_BACKLOG} records wait to be indexed. */
  @Override
  public boolean full() {
    return queue.size() > MAX_BACKLOG;
  }

  /**
   * Waits while more than {@link #MAX_BACKLOG} records wait to be indexed; returns at once if
   * indexing has stopped (its records are in the log, a restart indexes them). The sequencer calls
   * it after a decision that found the index full, so acknowledgements slow down to what the index
   * keeps up with.
   */
  @Override
  public void await() throws InterruptedException {
    if (!full()) {
      return;
    }
    synchronized (room) {
      while (queue.size() > MAX_BACKLOG && failure == null && thread.isAlive()) {
        room.wait();
      }
    }
  }

  /** Why indexing stopped, or null while it works. */
  public Throwable failure() {
    return failure;
  }

  /** Applies records synchronously; used for replay at start-up before the thread runs. */
  public void applyNow(List<Long> seqs, List<ChangeRecord> records) throws java.io.IOException {
    List<Entry> batch = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      batch.add(new Entry(seqs.get(i), records.get(i), System.nanoTime()));
    }
    apply(batch);
  }

  private void run() {
    try {
      project();
    } finally {
      makeRoom(); // a sequencer waiting for room must not wait for a thread that has ended
    }
  }

  private void project() {
    long lastCommit = System.nanoTime();
    List<Entry> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        Entry first = queue.poll(Math.max(1, commitInterval.toMillis() / 4), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH);
        }
        stopping = batch.remove(STOP);
        if (!batch.isEmpty()) {
          apply(batch);
          batch.clear();
          makeRoom();
        }
        if (stopping) {
          // The log is already closed when we stop; its space is reclaimed at the next start.
          finishCommitInFlight();
          commit(false);
        } else if (System.nanoTime() - lastCommit >= commitInterval.toNanos()
            && commitInFlight.isDone()) {
          finishCommitInFlight(); // a commit that failed stops indexing, as one here did
          commitInFlight = committer.submit(() -> commit(true));
          lastCommit = System.nanoTime();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception | Error e) {
        // The log still holds everything: a restart replays what the index missed.
        failure = e;
        LOG.error("indexing stopped; searches are stale until restart", e);
        return;
      }
    }
  }

  private void makeRoom() {
    synchronized (room) {
      room.notifyAll();
    }
  }

  private void apply(List<Entry> batch) throws java.io.IOException {
    if (batch.isEmpty()) {
      return; // nothing to index, and no oldest record to time
    }
    Map<String, Interaction> interactions = new LinkedHashMap<>();
    Map<String, Customer> customers = new LinkedHashMap<>();
    Map<String, Conversation> conversations = new LinkedHashMap<>();
    long upTo = appliedSeq;
    long oldestDurable = batch.getFirst().durableNanos();
    for (Entry e : batch) {
      // Later snapshots of the same object replace earlier ones in the batch.
      e.record().interactions().forEach(i -> interactions.put(i.id(), i));
      e.record().customers().forEach(c -> customers.put(c.id(), c));
      e.record().conversations().forEach(c -> conversations.put(c.id(), c));
      upTo = Math.max(upTo, e.seq());
    }
    index.apply(interactions.values(), customers.values(), conversations.values(), upTo);
    appliedSeq = upTo;
    appliedObserver.applied(upTo, oldestDurable);
  }

  private void finishCommitInFlight() throws Exception {
    try {
      commitInFlight.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  /** A commit in the background is paced and frees the log before it; the one at a stop is not. */
  private Void commit(boolean background) throws java.io.IOException {
    if (index.committedSeq() == appliedSeq) {
      return null;
    }
    long start = System.nanoTime();
    index.commit(background);
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (millis >= SLOW_COMMIT_MILLIS) {
      LOG.info("Index commit up to log seq {} took {} ms", index.committedSeq(), millis);
    }
    if (background) {
      log.reclaimBefore(index.committedSeq() + 1);
    }
    return null;
  }

  /** Indexes what is queued, commits and stops; a paced commit in flight finishes at once. */
  @Override
  public void close() throws InterruptedException {
    index.hurry();
    if (thread.isAlive()) {
      queue.add(STOP);
      thread.join();
    }
    committer.shutdown();
    committer.awaitTermination(1, TimeUnit.MINUTES);
  }
}
