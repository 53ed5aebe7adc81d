package io.contacthub.hub.model;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered ids (UUID version 7, RFC 9562): unique without coordination between nodes, and
 * roughly sortable by creation time, which keeps index terms and log records local.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String next() {
    long millis = System.currentTimeMillis();
    // One draw for all 74 random bits: each call to the shared SecureRandom takes its lock.
    byte[] r = new byte[10];
    RANDOM.nextBytes(r);
    long high = ((r[0] & 0xFFL) << 8) | (r[1] & 0xFFL);
    long low = 0;
    for (int k = 2; k < 10; k++) {
      low = (low << 8) | (r[k] & 0xFFL);
    }
    long msb = (millis << 16) | 0x7000L | (high & 0x0FFFL);
    long lsb = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
