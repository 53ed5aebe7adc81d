package io.contacthub.hub.log;

import io.contacthub.hub.log.LogRecovery.Recovered;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded interaction log: append-only segment files in one directory (layout in {@link
 * SegmentFormat}), written by one thread with group commit ({@link LogWriter}).
 *
 * <p>Threads:
 *
 * <ul>
 *   <li>{@link #append} from one thread at a time (the hub's sequencer). It never waits for the
 *       disk: it numbers the records, queues them and returns.
 *   <li>The futures complete on the writer thread, in seq order. Dependent actions attached without
 *       an executor run there too and delay every later append: keep them short or move them off
 *       (in Vert.x, {@code Future.fromCompletionStage(future, context)}).
 *   <li>{@link #nextSeq} from any thread.
 *   <li>{@link #replay} and {@link #reclaimBefore} from any thread, blocking, concurrently with
 *       appends. A reclaim waits for running replays; a replay's consumer must not reclaim.
 *   <li>{@link #close} from any thread, once appends have stopped coming.
 * </ul>
 *
 * <p>The queue between {@link #append} and the writer is unbounded: the caller bounds the appends
 * in flight.
 */
public final class SegmentedFileLog implements InteractionLog {

  private final Path dir;
  private final LogOptions options;
  private final FileLock dirLock;
  private final NavigableSet<Long> segments;
  private final LogWriter writer;
  private final ReentrantReadWriteLock retention = new ReentrantReadWriteLock();
  private final Object appendLock = new Object();
  private final Object closeLock = new Object();
  private volatile long nextSeq;
  private volatile boolean closed;

  private SegmentedFileLog(Path dir, LogOptions options, FileLock dirLock, Recovered recovered) {
    this.dir = dir;
    this.options = options;
    this.dirLock = dirLock;
    this.segments = recovered.segments();
    this.nextSeq = recovered.end().nextSeq();
    this.writer =
        new LogWriter(
            new SegmentAppender(
                dir, options, recovered.segments(), recovered.active(), recovered.end()),
            recovered.end());
  }

  /**
   * Opens the log in {@code dir}, creating it if needed. Checks every record, cuts a torn tail off
   * the last segment and goes on after its last whole record.
   *
   * @throws CorruptLogException if a record other than the last segment's tail is damaged or
   *     missing
   * @throws IOException if the directory is already open in another log instance, or on I/O errors
   */
  public static SegmentedFileLog open(Path dir, LogOptions options) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      if (options.fsync()) {
        SegmentFiles.syncDirectory(dir.toAbsolutePath().getParent());
      }
    }
    FileLock dirLock = SegmentFiles.lock(dir);
    try {
      SegmentFiles.deleteReclaimed(dir);
      SegmentedFileLog log =
          new SegmentedFileLog(dir, options, dirLock, LogRecovery.recover(dir, options));
      log.writer.start();
      return log;
    } catch (IOException | RuntimeException e) {
      dirLock.channel().close();
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The log keeps the arrays: do not change them afterwards. A failed future means the records
   * may or may not be on disk (a reopen tells). After a write failure, or once closed, the returned
   * future fails at once.
   */
  @Override
  public CompletableFuture<Long> append(List<byte[]> records) {
    List<byte[]> batch = List.copyOf(records);
    synchronized (appendLock) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("interaction log is closed"));
      }
      IOException failure = writer.failure();
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      long firstSeq = nextSeq;
      nextSeq = firstSeq + batch.size();
      CompletableFuture<Long> done = new CompletableFuture<>();
      writer.submit(firstSeq, batch, done);
      return done;
    }
  }

  @Override
  public void observeCommits(CommitObserver observer) {
    writer.observe(observer);
  }

  @Override
  public long nextSeq() {
    return nextSeq;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads whole segments sequentially through one buffer and skips those below {@code fromSeq}.
   * Records appended during the replay may or may not be included.
   *
   * @throws IllegalArgumentException if records from {@code fromSeq} on were reclaimed
   * @throws CorruptLogException if a record is damaged or missing
   */
  @Override
  public void replay(long fromSeq, RecordConsumer consumer) throws IOException {
    ensureOpen();
    retention.readLock().lock();
    try {
      long oldest = segments.first();
      if (fromSeq < oldest) {
        throw new IllegalArgumentException(
            "cannot replay from seq " + fromSeq + ": records below " + oldest + " were reclaimed");
      }
      DurableEnd end = writer.durableEnd();
      if (fromSeq >= end.nextSeq()) {
        return;
      }
      ByteBuffer buffer = ByteBuffer.allocateDirect(SegmentReader.BUFFER_BYTES);
      long last = end.segmentFirstSeq();
      for (long firstSeq : segments.subSet(segments.floor(fromSeq), true, last, true)) {
        Path file = SegmentFiles.path(dir, firstSeq);
        long bytes = firstSeq == last ? end.segmentBytes() : Files.size(file);
        long endSeq = firstSeq == last ? end.nextSeq() : segments.higher(firstSeq);
        try (SegmentReader reader = SegmentReader.open(file, bytes, buffer)) {
          reader.readWhole(firstSeq, endSeq, fromSeq, consumer);
        }
      }
    } finally {
      retention.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Removes, oldest first, every segment followed by one starting at or below {@code seq}, so
   * the active segment always stays: renamed out of the log under its lock, then freed in steps
   * ({@link SegmentFiles#reclaimed}). Waits for running replays.
   */
  @Override
  public void reclaimBefore(long seq) throws IOException {
    ensureOpen();
    if (retention.getReadHoldCount() > 0) {
      throw new IllegalStateException("reclaimBefore cannot run inside a replay");
    }
    long limit = Math.min(seq, writer.durableEnd().nextSeq());
    List<Path> reclaimed = new ArrayList<>();
    retention.writeLock().lock();
    try {
      long oldest = segments.first();
      Long next;
      while ((next = segments.higher(oldest)) != null && next <= limit) {
        // Oldest first: a crash midway leaves a shorter log, never one with a hole.
        Path segment = SegmentFiles.path(dir, oldest);
        Path gone = SegmentFiles.reclaimed(segment);
        try {
          Files.move(segment, gone, StandardCopyOption.ATOMIC_MOVE);
          reclaimed.add(gone);
        } catch (NoSuchFileException e) {
          // Already gone.
        }
        segments.remove(oldest);
        oldest = next;
      }
      if (!reclaimed.isEmpty() && options.fsync()) {
        SegmentFiles.syncDirectory(dir);
      }
    } finally {
      retention.writeLock().unlock();
    }
    // Out of the log now; appends and replays go on while the space is freed.
    for (Path gone : reclaimed) {
      if (options.fsync()) {
        DurableFiles.freeInSteps(gone);
      } else {
        Files.delete(gone);
      }
    }
  }

  /**
   * Completes every pending append, stops the writer thread and closes the files. Idempotent; a
   * second caller waits for the first to finish.
   */
  @Override
  public void close() throws IOException {
    synchronized (closeLock) {
      synchronized (appendLock) {
        if (closed) {
          return;
        }
        closed = true;
      }
      try {
        writer.stop();
      } finally {
        dirLock.channel().close();
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("interaction log is closed");
    }
  }
}
