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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects durable records into the Lucene index on its own thread, in batches (one worker owns the
 * IndexWriter's write path). Commits on an interval; each commit lets the log reclaim what came
 * before it, since a restart replays only from the commit on.
 */
public final class IndexProjector implements IngestSequencer.ChangeListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IndexProjector.class);
  private static final int MAX_BATCH = 4096;

  private record Entry(long seq, ChangeRecord record) {}

  private static final Entry STOP = new Entry(Long.MIN_VALUE, null);

  private final TimelineIndex index;
  private final InteractionLog log;
  private final Duration commitInterval;
  private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile long appliedSeq;
  private volatile Throwable failure;

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
    queue.add(new Entry(seq, record));
  }

  /** Records waiting to be indexed: the projection's lag. */
  public int backlog() {
    return queue.size();
  }

  /** Why indexing stopped, or null while it works. */
  public Throwable failure() {
    return failure;
  }

  /** Applies records synchronously; used for replay at start-up before the thread runs. */
  public void applyNow(List<Long> seqs, List<ChangeRecord> records) throws java.io.IOException {
    List<Entry> batch = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      batch.add(new Entry(seqs.get(i), records.get(i)));
    }
    apply(batch);
  }

  private void run() {
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
        }
        if (stopping || System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
          // The log is already closed when we stop; its space is reclaimed at the next start.
          commit(!stopping);
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

  private void apply(List<Entry> batch) throws java.io.IOException {
    Map<String, Interaction> interactions = new LinkedHashMap<>();
    Map<String, Customer> customers = new LinkedHashMap<>();
    Map<String, Conversation> conversations = new LinkedHashMap<>();
    long upTo = appliedSeq;
    for (Entry e : batch) {
      // Later snapshots of the same object replace earlier ones in the batch.
      e.record().interactions().forEach(i -> interactions.put(i.id(), i));
      e.record().customers().forEach(c -> customers.put(c.id(), c));
      e.record().conversations().forEach(c -> conversations.put(c.id(), c));
      upTo = Math.max(upTo, e.seq());
    }
    index.apply(interactions.values(), customers.values(), conversations.values(), upTo);
    appliedSeq = upTo;
  }

  private void commit(boolean reclaimLog) throws java.io.IOException {
    if (index.committedSeq() == appliedSeq) {
      return;
    }
    index.commit();
    if (reclaimLog) {
      log.reclaimBefore(index.committedSeq() + 1);
    }
  }

  /** Indexes what is queued, commits and stops. */
  @Override
  public void close() throws InterruptedException {
    if (thread.isAlive()) {
      queue.add(STOP);
      thread.join();
    }
  }
}
