package io.contacthub.hub.routing.journal;

import io.contacthub.hub.log.DurableFiles;
import io.contacthub.hub.log.LogOptions;
import io.contacthub.hub.log.SegmentedFileLog;
import io.contacthub.hub.routing.engine.RoutingState;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routing's durable state on a single node (decision 0010): an fsynced append-only journal of
 * {@link RoutingRecord}s (the same segmented log the interactions use, in {@code
 * <data>/routing/journal}) plus a snapshot file that lets the journal before it be reclaimed.
 * Recovery loads the snapshot and replays the journal after it.
 *
 * <p>The snapshot file is a line {@code {"journalSeq": n}} followed by the {@link RoutingSnapshot}
 * lines; one written before snapshots came in lines is a single line that also holds the whole
 * state under {@code "state"}.
 */
public final class FileRoutingJournal implements RoutingJournal {

  private static final long SEGMENT_BYTES = 8L << 20;

  private static final String SNAPSHOT = "snapshot.json";

  private final Path dir;
  private final SegmentedFileLog log;
  private final ExecutorService writer;
  private volatile double snapshotBytesPerSecond;
  private volatile long snapshotBytes;
  private long journalBytes;
  private CompletableFuture<Long> inFlight = CompletableFuture.completedFuture(0L);

  private FileRoutingJournal(
      Path dir, SegmentedFileLog log, ExecutorService writer, double snapshotMbPerSecond) {
    this.dir = dir;
    this.log = log;
    this.writer = writer;
    this.snapshotBytesPerSecond = snapshotMbPerSecond * (1 << 20);
  }

  public static FileRoutingJournal open(Path dir) throws IOException {
    return open(
        dir,
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hub-routing-snapshot").daemon(true).factory()),
        RoutingSnapshot.PACE_MB_PER_SECOND);
  }

  /**
   * As {@link #open(Path)}, with the snapshots written on {@code writer}, which it shuts down, at
   * {@code snapshotMbPerSecond}.
   */
  static FileRoutingJournal open(Path dir, ExecutorService writer, double snapshotMbPerSecond)
      throws IOException {
    Files.createDirectories(dir);
    return new FileRoutingJournal(
        dir,
        SegmentedFileLog.open(dir.resolve("journal"), new LogOptions(SEGMENT_BYTES, true)),
        writer,
        snapshotMbPerSecond);
  }

  /** Rebuilds the state: the snapshot, then every journal entry after it. Blocking. */
  public RoutingState recover() throws IOException {
    RoutingState state = new RoutingState();
    Path file = dir.resolve(SNAPSHOT);
    long from = 0;
    if (Files.exists(file)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        JsonObject head = new JsonObject(in.readLine());
        from = head.getLong("journalSeq");
        JsonObject whole = head.getJsonObject("state");
        if (whole != null) {
          RoutingRecord.apply(whole, state);
        }
        RoutingSnapshot.read(in.lines(), state);
      }
      snapshotBytes = Files.size(file);
    }
    log.replay(
        from,
        (seq, bytes) -> {
          journalBytes += bytes.length;
          RoutingRecord.apply(bytes, state);
        });
    state.drain();
    return state;
  }

  /** Appends an entry; the future completes once it is on disk. Call from one thread. */
  @Override
  public CompletableFuture<Long> append(byte[] entry) {
    journalBytes += entry.length;
    return log.append(List.of(entry));
  }

  /** Not while one is being written. */
  @Override
  public boolean snapshotDue() {
    return inFlight.isDone() && RoutingSnapshot.due(journalBytes, snapshotBytes);
  }

  /**
   * Freezes {@code state} (the whole state as of every entry appended so far) and writes it as the
   * new snapshot, atomically, on the snapshot thread; then frees the journal before it. Call from
   * the thread that appends, so no entry slips between the freezing and its position.
   */
  @Override
  public CompletableFuture<Long> snapshot(RoutingState state) {
    long seq = log.nextSeq();
    RoutingSnapshot.Frozen frozen = RoutingSnapshot.freeze(state);
    journalBytes = 0; // what is appended from here on counts towards the next snapshot
    CompletableFuture<Long> written = new CompletableFuture<>();
    // Completed by hand, not supplyAsync: a failure reaches the caller as the IOException itself.
    try {
      writer.execute(
          () -> {
            try {
              written.complete(write(seq, frozen));
            } catch (IOException | RuntimeException e) {
              written.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) { // closed
      frozen.items().release();
      written.completeExceptionally(e);
    }
    inFlight = written;
    return written;
  }

  private long write(long seq, RoutingSnapshot.Frozen frozen) throws IOException {
    Path file = dir.resolve(SNAPSHOT);
    DurableFiles.replace(
        file,
        out -> {
          out.write(
              (new JsonObject().put("journalSeq", seq).encode() + "\n")
                  .getBytes(StandardCharsets.UTF_8));
          RoutingSnapshot.write(frozen, new PacedOutput(out, () -> snapshotBytesPerSecond));
        });
    snapshotBytes = Files.size(file);
    log.reclaimBefore(seq);
    return snapshotBytes;
  }

  /** From now on snapshots, the one being written included, are written at full speed. */
  @Override
  public void hurry() {
    snapshotBytesPerSecond = Double.POSITIVE_INFINITY;
  }

  /** Waits for a snapshot being written (at full speed), then closes the journal. */
  @Override
  public void close() throws IOException {
    hurry();
    try {
      inFlight.exceptionally(failure -> null).join();
    } finally {
      writer.shutdown();
      log.close();
    }
  }
}
