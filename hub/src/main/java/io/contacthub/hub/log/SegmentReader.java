package io.contacthub.hub.log;

import static io.contacthub.hub.log.SegmentFormat.FRAME_HEADER_BYTES;
import static io.contacthub.hub.log.SegmentFormat.HEADER_BYTES;

import io.contacthub.hub.log.InteractionLog.RecordConsumer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads one segment's frames in order through a large buffer, so a scan costs one read call per
 * buffer, not per record. Stops at the first frame that is incomplete or fails its CRC and says
 * why; whether that is a torn tail or corruption is for the caller to decide.
 */
final class SegmentReader implements Closeable {

  /** The size of a read buffer to pass in; larger frames are read into their own array. */
  static final int BUFFER_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final long limit;
  private final ByteBuffer buffer;
  private final CRC32C crc = new CRC32C();
  private long bufferStart;
  private long offset;
  private byte[] payload;
  private String problem;

  private SegmentReader(Path file, FileChannel channel, long limit, ByteBuffer buffer) {
    this.file = file;
    this.channel = channel;
    this.limit = limit;
    this.buffer = buffer;
    buffer.clear().limit(0);
  }

  /**
   * Opens {@code file} to read its first {@code limit} bytes through {@code buffer}, which the
   * reader owns until closed.
   */
  static SegmentReader open(Path file, long limit, ByteBuffer buffer) throws IOException {
    return new SegmentReader(file, FileChannel.open(file, StandardOpenOption.READ), limit, buffer);
  }

  /**
   * Reads a segment that must be whole: its header, then the records from {@code firstSeq} up to,
   * not including, {@code endSeq}, filling the data exactly. Those from {@code fromSeq} on go to
   * {@code consumer}.
   *
   * @throws CorruptLogException naming the file and offset of the first deviation
   */
  void readWhole(long firstSeq, long endSeq, long fromSeq, RecordConsumer consumer)
      throws IOException {
    long seq = firstSeq;
    if (readHeader(firstSeq)) {
      while (seq < endSeq && next(seq >= fromSeq)) {
        if (seq >= fromSeq) {
          consumer.accept(seq, payload);
        }
        seq++;
      }
    }
    if (problem != null) {
      throw new CorruptLogException(file, offset, problem);
    }
    if (seq != endSeq || offset != limit) {
      throw new CorruptLogException(
          file,
          offset,
          "holds "
              + (seq - firstSeq)
              + " records in "
              + offset
              + " of "
              + limit
              + " bytes, but should hold seqs "
              + firstSeq
              + " to "
              + (endSeq - 1));
    }
  }

  /** Checks the segment header; false, with {@link #problem()}, if missing or wrong. */
  boolean readHeader(long firstSeq) throws IOException {
    if (!ensure(HEADER_BYTES)) {
      return stop("segment header is missing or incomplete");
    }
    String headerProblem = SegmentFormat.headerProblem(buffer.slice(0, HEADER_BYTES), firstSeq);
    if (headerProblem != null) {
      return stop(headerProblem);
    }
    offset = HEADER_BYTES;
    return true;
  }

  /**
   * Moves to the next frame. False at the end of the data ({@link #problem()} is null) or at a
   * frame that is incomplete or damaged ({@link #problem()} says how; {@link #offset()} is where).
   *
   * @param keepPayload whether {@link #payload()} is wanted; skipped frames are still checked
   */
  boolean next(boolean keepPayload) throws IOException {
    payload = null;
    if (problem != null || offset >= limit) {
      return false;
    }
    if (!ensure(FRAME_HEADER_BYTES)) {
      return stop("incomplete frame header");
    }
    int at = (int) (offset - bufferStart);
    int length = buffer.getInt(at);
    int storedCrc = buffer.getInt(at + Integer.BYTES);
    long frameEnd = offset + FRAME_HEADER_BYTES + Integer.toUnsignedLong(length);
    if (length < 0 || frameEnd > limit) {
      return stop(
          "frame length " + Integer.toUnsignedString(length) + " runs past the end at " + limit);
    }
    int actualCrc;
    byte[] read = null;
    if (FRAME_HEADER_BYTES + length <= buffer.capacity()) {
      if (!ensure(FRAME_HEADER_BYTES + length)) {
        return stop("file ends inside a frame");
      }
      at = (int) (offset - bufferStart);
      actualCrc = SegmentFormat.frameCrc(crc, buffer, at, length);
      if (keepPayload && actualCrc == storedCrc) {
        read = new byte[length];
        buffer.get(at + FRAME_HEADER_BYTES, read);
      }
    } else {
      read = readLargeFrame(at, length);
      if (read == null) {
        return stop("file ends inside a frame");
      }
      actualCrc = SegmentFormat.frameCrc(crc, SegmentFormat.lengthBytes(length), read);
    }
    if (actualCrc != storedCrc) {
      return stop("CRC mismatch");
    }
    payload = keepPayload ? read : null;
    offset = frameEnd;
    return true;
  }

  /** The payload of the current frame, if asked for. */
  byte[] payload() {
    return payload;
  }

  /** The end of the last good frame: where the next frame, or the problem, starts. */
  long offset() {
    return offset;
  }

  /** Why reading stopped before the end, or null. */
  String problem() {
    return problem;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private boolean stop(String why) {
    problem = why;
    return false;
  }

  /** Makes at least {@code bytes} bytes from {@link #offset} buffered, if the data has them. */
  private boolean ensure(int bytes) throws IOException {
    long buffered = bufferStart + buffer.limit() - offset;
    if (buffered >= bytes) {
      return true;
    }
    buffer.position((int) (offset - bufferStart)).compact();
    bufferStart = offset;
    buffer.limit((int) Math.min(buffer.capacity(), limit - bufferStart));
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, bufferStart + buffer.position()) < 0) {
        break;
      }
    }
    buffer.flip();
    return buffer.limit() >= bytes;
  }

  /** Reads a frame too big for the buffer into its own array; null if the file is short. */
  private byte[] readLargeFrame(int at, int length) throws IOException {
    byte[] frame = new byte[length];
    int buffered = buffer.limit() - at - FRAME_HEADER_BYTES;
    buffer.get(at + FRAME_HEADER_BYTES, frame, 0, buffered);
    ByteBuffer rest = ByteBuffer.wrap(frame, buffered, length - buffered);
    long position = offset + FRAME_HEADER_BYTES + buffered;
    while (rest.hasRemaining()) {
      int read = channel.read(rest, position);
      if (read < 0) {
        return null;
      }
      position += read;
    }
    bufferStart = position;
    buffer.limit(0);
    return frame;
  }
}
