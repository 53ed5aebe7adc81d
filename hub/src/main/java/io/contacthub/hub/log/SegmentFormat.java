package io.contacthub.hub.log;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of one segment file. All integers are big-endian.
 *
 * <pre>
 * file   = header frame*
 * header = magic "CHLG" (4) | format version (4) | first sequence number (8)     16 bytes
 * frame  = payload length (4, unsigned < 2^31) | CRC32C (4) | payload (length)
 * </pre>
 *
 * <p>The CRC covers the length field and the payload, so a zero-filled region (a file extended but
 * never written) does not read as a run of empty records.
 *
 * <p>Sequence numbers are implicit: the k-th frame of a segment holds {@code firstSeq + k}. Records
 * are dense and never rewritten, so an explicit number would cost 8 bytes per record and prove
 * nothing that opening the log does not already check (every record's CRC, and each segment's
 * record count against the first sequence number of the next segment). The first sequence number
 * sits in both the file name and the header so that a renamed or copied file is caught.
 */
final class SegmentFormat {

  static final int HEADER_BYTES = 16;
  static final int FRAME_HEADER_BYTES = 8;
  static final int VERSION = 1;

  private static final int MAGIC = 0x43484C47; // "CHLG"

  private SegmentFormat() {}

  static ByteBuffer header(long firstSeq) {
    return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(firstSeq).flip();
  }

  /** Returns what is wrong with a full 16-byte header, or null if it is the expected one. */
  static String headerProblem(ByteBuffer header, long expectedFirstSeq) {
    int magic = header.getInt(0);
    int version = header.getInt(4);
    long firstSeq = header.getLong(8);
    if (magic != MAGIC) {
      return "not a log segment (bad magic 0x" + Integer.toHexString(magic) + ")";
    }
    if (version != VERSION) {
      return "unsupported segment format version " + version;
    }
    if (firstSeq != expectedFirstSeq) {
      return "header says first seq " + firstSeq + " but the file name says " + expectedFirstSeq;
    }
    return null;
  }

  static byte[] lengthBytes(int length) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(length).array();
  }

  /** The CRC of a frame: over the 4 length bytes, then the payload. */
  static int frameCrc(CRC32C crc, byte[] lengthBytes, byte[] payload) {
    crc.reset();
    crc.update(lengthBytes, 0, Integer.BYTES);
    crc.update(payload);
    return (int) crc.getValue();
  }

  /** The CRC of a frame already in a buffer: {@code frame} is the offset of its length field. */
  static int frameCrc(CRC32C crc, ByteBuffer buffer, int frame, int length) {
    crc.reset();
    crc.update(buffer.slice(frame, Integer.BYTES));
    crc.update(buffer.slice(frame + FRAME_HEADER_BYTES, length));
    return (int) crc.getValue();
  }
}
