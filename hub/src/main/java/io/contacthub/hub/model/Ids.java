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
    long msb = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
