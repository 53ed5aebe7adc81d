package io.contacthub.hub.log;

import static io.contacthub.hub.log.SegmentFormat.HEADER_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a log directory: checks every record of every segment and cuts a torn tail off the last
 * segment. Only the last segment can end in a torn write (a segment is synced before the next one
 * is created), so damage anywhere else is corruption and stops the open.
 */
final class LogRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

  /** A checked directory: its segments, the last one open for appending, and where data ends. */
  record Recovered(NavigableSet<Long> segments, FileChannel active, DurableEnd end) {}

  private LogRecovery() {}

  static Recovered recover(Path dir, LogOptions options) throws IOException {
    NavigableSet<Long> segments = new ConcurrentSkipListSet<>(SegmentFiles.list(dir));
    if (segments.isEmpty()) {
      FileChannel active = SegmentFiles.create(dir, 0, options.fsync());
      segments.add(0L);
      return new Recovered(segments, active, new DurableEnd(0, HEADER_BYTES, 0));
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect(SegmentReader.BUFFER_BYTES);
    long last = segments.last();
    for (long firstSeq : segments.headSet(last)) {
      Path file = SegmentFiles.path(dir, firstSeq);
      try (SegmentReader reader = SegmentReader.open(file, Files.size(file), buffer)) {
        reader.readWhole(firstSeq, segments.higher(firstSeq), Long.MAX_VALUE, (seq, record) -> {});
      }
    }
    return recoverLast(dir, last, options, buffer, segments);
  }

  /**
   * Keeps every whole record of the last segment and cuts off what follows: the remains of writes
   * that were never synced, hence never acknowledged.
   */
  private static Recovered recoverLast(
      Path dir, long firstSeq, LogOptions options, ByteBuffer buffer, NavigableSet<Long> segments)
      throws IOException {
    Path file = SegmentFiles.path(dir, firstSeq);
    long size = Files.size(file);
    long nextSeq = firstSeq;
    boolean headerWritten;
    long goodBytes;
    try (SegmentReader reader = SegmentReader.open(file, size, buffer)) {
      headerWritten = reader.readHeader(firstSeq);
      // A bad header is only a torn creation if no record can follow it.
      if (!headerWritten && size > HEADER_BYTES) {
        throw new CorruptLogException(file, 0, reader.problem());
      }
      while (reader.next(false)) {
        nextSeq++;
      }
      goodBytes = headerWritten ? reader.offset() : 0;
      if (goodBytes < size) {
        LOG.warn(
            "Cutting {} bytes of unacknowledged writes off {} at offset {} ({}); the log goes on"
                + " from seq {}",
            size - goodBytes,
            file,
            goodBytes,
            reader.problem(),
            nextSeq);
      }
    }
    FileChannel active = FileChannel.open(file, StandardOpenOption.WRITE);
    try {
      if (goodBytes < size) {
        active.truncate(goodBytes);
        if (options.fsync()) {
          active.force(true);
        }
      }
      if (!headerWritten) {
        SegmentFiles.writeHeader(active, firstSeq, options.fsync());
      }
      return new Recovered(
          segments, active, new DurableEnd(firstSeq, Math.max(goodBytes, HEADER_BYTES), nextSeq));
    } catch (IOException | RuntimeException e) {
      active.close();
      throw e;
    }
  }
}
