package io.contacthub.hub.ingest;

import io.contacthub.hub.conversation.ConversationStore;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.log.InteractionLog;
import io.contacthub.hub.log.SharedLog;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.timeline.TimelineIndex;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequencer's side of cluster mode: takes what the node decided to the shared log at the tail
 * it has seen (decision 0015). Refused because another node appended first: undo, catch up, decide
 * again. Taken: append to this node's log, then let callers hear. It also copies the records other
 * nodes appended into this node's log and memory. Runs on the sequencer thread only.
 */
final class SharedLogCommitter {

  private static final Logger LOG = LoggerFactory.getLogger(SharedLogCommitter.class);

  /** Records per round trip to the shared log; a single batch request may exceed it. */
  private static final int MAX_TRANSACTION = 512;

  /**
   * Refusals in a row before a transaction gives up with 503 (it never happens without a storm).
   */
  private static final int MAX_ROUNDS = 16;

  private static final int CATCH_UP_BATCH = 1000;

  /** Longer than a turn lasts, so a node that died holding it cannot block the others for good. */
  private static final Duration TURN_WAIT = Duration.ofSeconds(3);

  private static final long TURN_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  /** Ends the futures of a refused attempt; callers never see it, they see the next attempt's. */
  private static final IllegalStateException SUPERSEDED =
      new IllegalStateException("decided again after the shared log moved on");

  private final SharedLog shared;
  private final InteractionLog log;
  private final TimelineIndex index;
  private final CustomerDirectory customers;
  private final ConversationStore conversations;
  private final RecentWrites recent;
  private final UndoLog memory;
  private final IngestSequencer.ChangeListener listener;
  private final IngestSequencer.ChangeListener projected;
  private final Executor sequencer;

  /** The open transaction: what this node decided since its last commit, in decision order. */
  private final List<SequencerTask<?>> tasks = new ArrayList<>();

  private final List<Decided> records = new ArrayList<>();

  SharedLogCommitter(
      SharedLog shared,
      InteractionLog log,
      TimelineIndex index,
      CustomerDirectory customers,
      ConversationStore conversations,
      RecentWrites recent,
      UndoLog memory,
      IngestSequencer.ChangeListener listener,
      IngestSequencer.ChangeListener projected,
      Executor sequencer) {
    this.shared = shared;
    this.log = log;
    this.index = index;
    this.customers = customers;
    this.conversations = conversations;
    this.recent = recent;
    this.memory = memory;
    this.listener = listener;
    this.projected = projected;
    this.sequencer = sequencer;
  }

  /** Adds a decided record to the open transaction; the future completes once it is durable. */
  CompletableFuture<Void> add(ChangeRecord record) {
    Decided d = Decided.of(record);
    records.add(d);
    return d.durable();
  }

  /** Records in the open transaction. */
  int pending() {
    return records.size();
  }

  /**
   * A task has decided; it commits with the open transaction, now if nothing else waits on the
   * sequencer ({@code idle}) or the transaction is full.
   */
  void decided(SequencerTask<?> task, boolean idle) {
    tasks.add(task);
    if (idle || records.size() >= MAX_TRANSACTION) {
      commit();
    }
  }

  /**
   * Records that other nodes appended, as the shared log's follower saw them: applied on the
   * sequencer thread, after whatever this node decided so far is committed.
   */
  void arrived(List<SharedLog.Entry> entries) {
    if (entries.getLast().seq() < log.nextSeq()) {
      return; // this node's own records, or ones it already caught up with
    }
    try {
      sequencer.execute(
          () -> {
            commit();
            try {
              applyShared(entries);
            } catch (SharedLog.Unavailable e) {
              // The follower delivers again once Redis is back; the next commit catches up too.
              LOG.warn("Could not catch up with the shared log: {}", e.getMessage());
            }
          });
    } catch (RejectedExecutionException e) {
      // Stopping: a restarted node catches up from its log's end.
    }
  }

  /**
   * Brings this node's log level with the shared log before it serves: copies what other nodes
   * appended, and gives the shared log what only this node holds (a first node that ran alone
   * before, or a Redis that lost data). Blocking.
   */
  void catchUpNow() {
    CompletableFuture.runAsync(
            () -> {
              long tail = log.nextSeq() - 1;
              long end = shared.appendAt(tail, List.of(), false).end();
              if (end < tail) {
                reseed(end, tail);
              }
              catchUp();
            },
            sequencer)
        .join();
  }

  /** A decided record of the open transaction, encoded once for both logs. */
  /**
   * Takes the open transaction to the shared log at this node's tail. Refused (another node
   * appended first): take the decisions back, catch up, decide again. Redis unreachable: take them
   * back and answer 503; nothing was acknowledged.
   */
  private void commit() {
    for (int round = 1; ; round++) {
      if (records.isEmpty()) {
        if (round > 2) {
          releaseTurn();
        }
        committed();
        return;
      }
      long tail = log.nextSeq() - 1;
      SharedLog.Append append;
      try {
        append = appendWaitingForTurn(tail, round > 1);
      } catch (SharedLog.Unavailable e) {
        // Not acknowledged. If Redis ran the append but its reply was lost, the records come
        // back through the follower, and a retry is answered as a duplicate.
        abandon(
            HubException.unavailable(
                "the cluster's shared log (Redis) cannot be reached; retry with the same"
                    + " externalId",
                1));
        return;
      }
      if (append.outcome() == SharedLog.Outcome.APPENDED) {
        // Callers hear once this node's log holds it too.
        Decided.appendAll(log, listener, List.copyOf(records));
        records.clear();
        committed();
        return;
      }
      List<SequencerTask<?>> again = List.copyOf(tasks);
      takeBack();
      try {
        if (append.end() < tail) {
          reseed(append.end(), tail);
        }
        catchUp();
      } catch (SharedLog.Unavailable e) {
        again.forEach(
            t -> t.fail(HubException.unavailable("the cluster's shared log cannot be read", 1)));
        return;
      }
      if (round >= MAX_ROUNDS) {
        again.forEach(
            t ->
                t.fail(
                    HubException.unavailable(
                        "other nodes kept deciding first; nothing was stored", 1)));
        return;
      }
      for (SequencerTask<?> t : again) {
        t.attempt();
        tasks.add(t);
      }
    }
  }

  /** Gives up a turn this node may hold, when deciding again left nothing to append. */
  private void releaseTurn() {
    try {
      shared.appendAt(log.nextSeq() - 1, List.of(), false);
    } catch (SharedLog.Unavailable e) {
      // The turn expires by itself.
    }
  }

  /**
   * Appends the open transaction; while another node holds the turn, tries again shortly (the turn
   * lasts one append of that node, at most {@link #TURN_WAIT}). A refused node claims the turn for
   * its next round, so big transactions are not starved by a stream of small ones.
   */
  private SharedLog.Append appendWaitingForTurn(long tail, boolean claimTurn) {
    List<byte[]> bytes = records.stream().map(Decided::bytes).toList();
    long deadline = System.nanoTime() + TURN_WAIT.toNanos();
    while (true) {
      SharedLog.Append append = shared.appendAt(tail, bytes, claimTurn);
      if (append.outcome() != SharedLog.Outcome.OTHERS_TURN || System.nanoTime() > deadline) {
        return append;
      }
      LockSupport.parkNanos(TURN_POLL_NANOS);
    }
  }

  /** The open transaction stands: nothing to take back, callers see their outcomes. */
  private void committed() {
    memory.forget();
    tasks.forEach(SequencerTask::release);
    tasks.clear();
  }

  /** Undoes the open transaction in memory; its attempts' futures end unseen by callers. */
  private void takeBack() {
    memory.rollback();
    records.forEach(d -> d.durable().completeExceptionally(SUPERSEDED));
    records.clear();
    tasks.clear();
  }

  private void abandon(HubException why) {
    List<SequencerTask<?>> failed = List.copyOf(tasks);
    takeBack();
    failed.forEach(t -> t.fail(why));
  }

  /** Copies every record the shared log has beyond this node's log. */
  private void catchUp() {
    while (true) {
      List<SharedLog.Entry> entries = shared.readAfter(log.nextSeq() - 1, CATCH_UP_BATCH);
      if (entries.isEmpty()) {
        return;
      }
      applyShared(entries);
    }
  }

  /** Applies shared-log records to memory and this node's log, skipping those it already has. */
  private void applyShared(List<SharedLog.Entry> entries) {
    for (SharedLog.Entry e : entries) {
      long next = log.nextSeq();
      if (e.seq() < next) {
        continue;
      }
      if (e.seq() > next) {
        catchUp();
        return;
      }
      ChangeRecord record = ChangeRecord.decode(e.record());
      record.customers().forEach(customers::apply);
      record.conversations().forEach(conversations::apply);
      CompletableFuture<Void> durable =
          log.append(List.of(e.record())).thenAccept(seq -> projected.durable(seq, record));
      record.interactions().forEach(i -> recent.put(i, durable));
    }
    recent.evictUpTo(Math.min(index.searchableSeq(), log.nextSeq() - 1));
  }

  /**
   * Gives the shared log this node's records after {@code end} up to {@code tail}, in order.
   * Another node seeding at the same time holds the same records (every log is a replica of one
   * order), so whichever append lands is right, and a refused one stops here.
   */
  private void reseed(long end, long tail) {
    LOG.warn(
        "The shared log ends at {} but this node holds records up to {}: giving it the missing ones",
        end,
        tail);
    List<byte[]> chunk = new ArrayList<>();
    long[] at = {end};
    try {
      log.replay(
          end + 1,
          (seq, bytes) -> {
            if (seq <= tail) {
              chunk.add(bytes);
            }
            if (chunk.size() >= CATCH_UP_BATCH || (seq == tail && !chunk.isEmpty())) {
              if (shared.appendAt(at[0], chunk, false).outcome() != SharedLog.Outcome.APPENDED) {
                throw new ReseedStopped();
              }
              at[0] += chunk.size();
              chunk.clear();
            }
          });
    } catch (ReseedStopped e) {
      // Another node is seeding the same records.
    } catch (IOException e) {
      throw new SharedLog.Unavailable(
          "the shared log lost records this node can no longer read (" + e.getMessage() + ")", e);
    }
  }

  /** Ends a reseed that found the shared log moved on. */
  private static final class ReseedStopped extends RuntimeException {
    ReseedStopped() {
      super(null, null, false, false);
    }
  }
}
