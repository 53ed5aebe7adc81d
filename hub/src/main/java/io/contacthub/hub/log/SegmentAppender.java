package io.contacthub.hub.log;

import static io.contacthub.hub.log.SegmentFormat.FRAME_HEADER_BYTES;
import static io.contacthub.hub.log.SegmentFormat.HEADER_BYTES;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.NavigableSet;
import java.util.zip.CRC32C;

/**
 * Writes frames to the active segment through one reused direct buffer (one write call per
 * megabyte, not per record) and rolls to a new segment between records. Only the writer thread uses
 * it.
 */
final class SegmentAppender implements Closeable {

  private static final int BUFFER_BYTES = 1 << 20;

  private final Path dir;
  private final LogOptions options;
  private final NavigableSet<Long> segments;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
  private final ByteBuffer lengthField = ByteBuffer.allocate(Integer.BYTES);
  private final CRC32C crc = new CRC32C();
  private FileChannel channel;
  private long segmentFirstSeq;
  private long flushedBytes;
  private long segmentBytes;
  private long nextSeq;

  /**
   * @param segments the first seqs of all segments, shared with readers: a new segment joins it
   *     once it exists on disk
   * @param active the last segment, open for writing, whose good data ends where {@code end} says
   */
  SegmentAppender(
      Path dir,
      LogOptions options,
      NavigableSet<Long> segments,
      FileChannel active,
      DurableEnd end) {
    this.dir = dir;
    this.options = options;
    this.segments = segments;
    this.channel = active;
    this.segmentFirstSeq = end.segmentFirstSeq();
    this.flushedBytes = end.segmentBytes();
    this.segmentBytes = end.segmentBytes();
    this.nextSeq = end.nextSeq();
  }

  /** Buffers the next record; it is durable once {@link #commit()} returns. */
  void append(byte[] record) throws IOException {
    long frameBytes = FRAME_HEADER_BYTES + (long) record.length;
    if (segmentBytes > HEADER_BYTES && segmentBytes + frameBytes > options.segmentBytes()) {
      roll();
    }
    if (buffer.remaining() < FRAME_HEADER_BYTES) {
      flush();
    }
    lengthField.putInt(0, record.length);
    buffer.putInt(record.length);
    buffer.putInt(SegmentFormat.frameCrc(crc, lengthField.array(), record));
    put(record);
    segmentBytes += frameBytes;
    nextSeq++;
  }

  /** Writes out what is buffered and syncs it; returns the new durable end. */
  DurableEnd commit() throws IOException {
    flush();
    if (options.fsync()) {
      channel.force(false);
    }
    return new DurableEnd(segmentFirstSeq, segmentBytes, nextSeq);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * The old segment is complete and synced before the new one exists, so only the last can tear.
   */
  private void roll() throws IOException {
    flush();
    if (options.fsync()) {
      channel.force(false);
    }
    channel.close();
    channel = SegmentFiles.create(dir, nextSeq, options.fsync());
    segments.add(nextSeq);
    segmentFirstSeq = nextSeq;
    flushedBytes = HEADER_BYTES;
    segmentBytes = HEADER_BYTES;
  }

  private void put(byte[] record) throws IOException {
    int done = 0;
    while (done < record.length) {
      if (!buffer.hasRemaining()) {
        flush();
      }
      int chunk = Math.min(buffer.remaining(), record.length - done);
      buffer.put(record, done, chunk);
      done += chunk;
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      flushedBytes += channel.write(buffer, flushedBytes);
    }
    buffer.clear();
  }
}
