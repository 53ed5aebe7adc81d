package io.contacthub.hub.timeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;

/**
 * Where the next page starts: the sort values of the last hit returned. On the wire it is opaque
 * URL-safe base64 that also carries a fingerprint of the query, so a cursor cannot be replayed
 * against another query (it would silently skip or repeat hits).
 *
 * @param primary the first sort value: epoch millis, or the float bits of a score
 * @param seq the log sequence number, the tiebreak
 */
record PageCursor(long primary, long seq) {

  private static final byte VERSION = 1;
  private static final int LENGTH = 1 + Long.BYTES * 3;

  String encode(long fingerprint) {
    ByteBuffer buf = ByteBuffer.allocate(LENGTH);
    buf.put(VERSION).putLong(fingerprint).putLong(primary).putLong(seq);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /**
   * Decodes a cursor issued for the query with this fingerprint.
   *
   * @throws IllegalArgumentException if the cursor is malformed or belongs to another query
   */
  static PageCursor decode(String cursor, long fingerprint) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cursor: not a cursor issued by this API");
    }
    if (bytes.length != LENGTH || bytes[0] != VERSION) {
      throw new IllegalArgumentException("invalid cursor: not a cursor issued by this API");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
    if (buf.getLong() != fingerprint) {
      throw new IllegalArgumentException(
          "invalid cursor: it belongs to a different query; start again without a cursor");
    }
    return new PageCursor(buf.getLong(), buf.getLong());
  }

  /** A set as one fingerprint part: order-insensitive, null stays null. */
  static String setPart(Collection<String> values) {
    return values == null ? null : String.join("\u0000", values.stream().sorted().toList());
  }

  /** A short hash of the parts that define a query; order matters, null is distinct from "". */
  static long fingerprint(String... parts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    for (String part : parts) {
      // Length-prefixed so ("ab", "c") and ("a", "bc") differ.
      byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
      sha.update(
          ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : bytes.length).array());
      sha.update(bytes);
    }
    return ByteBuffer.wrap(sha.digest()).getLong();
  }
}
