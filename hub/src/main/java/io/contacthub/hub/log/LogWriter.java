package io.contacthub.hub.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the log, by group commit: it takes everything queued since its last
 * sync, writes it, syncs once and completes the futures in queue order, which is seq order. While
 * it syncs, new appends queue up and share the next sync, so the batch grows with the load without
 * any timer.
 *
 * <p>After a failed write nothing more is written: a later record on disk after a lost one would be
 * a hole in the log. Every queued and later append fails with the same exception.
 */
final class LogWriter {

  static final String THREAD_NAME = "hub-log-writer";

  private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);

  private record Pending(long firstSeq, List<byte[]> records, CompletableFuture<Long> done) {}

  private static final Pending STOP = new Pending(-1, List.of(), null);

  private final SegmentAppender appender;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile DurableEnd durableEnd;
  private volatile CommitObserver observer = CommitObserver.NONE;
  private volatile IOException failure;
  private IOException closeFailure;

  LogWriter(SegmentAppender appender, DurableEnd end) {
    this.appender = appender;
    this.durableEnd = end;
    // A daemon: a log that is never closed must not keep the JVM alive; unsynced appends are
    // unacknowledged, so nothing promised is lost.
    this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /**
   * Queues records numbered from {@code firstSeq}; {@code done} completes once they are durable.
   * Never blocks. Callers submit in seq order, and never after {@link #stop()}.
   */
  void submit(long firstSeq, List<byte[]> records, CompletableFuture<Long> done) {
    queue.add(new Pending(firstSeq, records, done));
  }

  void observe(CommitObserver observer) {
    this.observer = observer;
  }

  /** The write failure that stopped the log, or null. */
  IOException failure() {
    return failure;
  }

  DurableEnd durableEnd() {
    return durableEnd;
  }

  /** Completes everything submitted so far, then ends the thread and closes the active segment. */
  void stop() throws IOException {
    queue.add(STOP);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (closeFailure != null) {
      throw closeFailure;
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      takeAllInto(batch);
      stopping = batch.getLast() == STOP;
      if (stopping) {
        batch.removeLast();
      }
      commit(batch);
      batch.clear();
    }
    try {
      appender.close();
    } catch (IOException e) {
      closeFailure = e;
    }
  }

  /** Waits for one pending append, then takes every other one queued. */
  private void takeAllInto(List<Pending> batch) {
    while (batch.isEmpty()) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Only stop() ends this thread: leaving now would strand the queued futures.
      }
    }
    queue.drainTo(batch);
  }

  private void commit(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (failure == null) {
      try {
        long start = System.nanoTime();
        int records = 0;
        for (Pending pending : batch) {
          for (byte[] record : pending.records()) {
            appender.append(record);
          }
          records += pending.records().size();
        }
        durableEnd = appender.commit();
        observer.committed(records, System.nanoTime() - start);
      } catch (IOException e) {
        fail(e);
      } catch (RuntimeException e) {
        fail(new IOException("unexpected error writing the interaction log", e));
      }
    }
    for (Pending pending : batch) {
      if (failure == null) {
        pending.done().complete(pending.firstSeq());
      } else {
        pending.done().completeExceptionally(failure);
      }
    }
  }

  private void fail(IOException e) {
    LOG.error("Interaction log write failed; the log refuses all further appends", e);
    failure = e;
  }
}
