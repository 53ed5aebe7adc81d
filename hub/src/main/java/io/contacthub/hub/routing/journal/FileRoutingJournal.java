package io.contacthub.hub.routing.journal;

import io.contacthub.hub.log.LogOptions;
import io.contacthub.hub.log.SegmentedFileLog;
import io.contacthub.hub.routing.engine.RoutingState;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Routing's durable state on a single node (decision 0010): an fsynced append-only journal of
 * {@link RoutingRecord}s (the same segmented log the interactions use, in {@code
 * <data>/routing/journal}) plus a snapshot file that lets the journal before it be reclaimed.
 * Recovery loads the snapshot and replays the journal after it.
 */
public final class FileRoutingJournal implements RoutingJournal {

  private static final long SEGMENT_BYTES = 8L << 20;
  private static final String SNAPSHOT = "snapshot.json";

  private final Path dir;
  private final SegmentedFileLog log;
  private long snapshotSeq;

  private FileRoutingJournal(Path dir, SegmentedFileLog log) {
    this.dir = dir;
    this.log = log;
  }

  public static FileRoutingJournal open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new FileRoutingJournal(
        dir, SegmentedFileLog.open(dir.resolve("journal"), new LogOptions(SEGMENT_BYTES, true)));
  }

  /** Rebuilds the state: the snapshot, then every journal entry after it. Blocking. */
  public RoutingState recover() throws IOException {
    RoutingState state = new RoutingState();
    Path file = dir.resolve(SNAPSHOT);
    long from = 0;
    if (Files.exists(file)) {
      JsonObject snap = Buffer.buffer(Files.readAllBytes(file)).toJsonObject();
      RoutingRecord.apply(snap.getJsonObject("state"), state);
      from = snap.getLong("journalSeq");
    }
    snapshotSeq = from;
    log.replay(from, (seq, bytes) -> RoutingRecord.apply(bytes, state));
    state.drain();
    return state;
  }

  /** Appends an entry; the future completes once it is on disk. Call from one thread. */
  @Override
  public CompletableFuture<Long> append(byte[] entry) {
    return log.append(List.of(entry));
  }

  @Override
  public long sinceSnapshot() {
    return log.nextSeq() - snapshotSeq;
  }

  /**
   * Writes {@code state} (the whole state as of every entry appended so far) as the new snapshot,
   * atomically (temp file, fsync, rename), then frees the journal before it. Blocking; call from
   * the thread that appends, so no entry slips between the two.
   */
  @Override
  public void snapshot(JsonObject state) throws IOException {
    long seq = log.nextSeq();
    byte[] bytes =
        new JsonObject().put("journalSeq", seq).put("state", state).toBuffer().getBytes();
    Path tmp = dir.resolve(SNAPSHOT + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE);
    snapshotSeq = seq;
    log.reclaimBefore(seq);
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
