package io.contacthub.connector.webchat.guard;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a visitor, an IP address): {@code perMinute} actions a minute on average,
 * bursts up to the same number. Sockets live on several event loops, hence the concurrent map; a
 * bucket is replaced atomically, never locked.
 */
public final class RateLimiter {

  private record Bucket(double tokens, long atNanos) {}

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final int perMinute;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(int perMinute, LongSupplier nanoTime) {
    this.perMinute = perMinute;
    this.nanoTime = nanoTime;
  }

  /** Takes one token for {@code key}; false when its bucket is empty. */
  public boolean tryAcquire(String key) {
    long now = nanoTime.getAsLong();
    boolean[] granted = new boolean[1];
    buckets.compute(
        key,
        (k, b) -> {
          double tokens = b == null ? perMinute : refill(b, now);
          granted[0] = tokens >= 1;
          return new Bucket(granted[0] ? tokens - 1 : tokens, now);
        });
    return granted[0];
  }

  /** Forgets buckets that have refilled completely: they behave exactly like absent ones. */
  public void sweep() {
    long now = nanoTime.getAsLong();
    buckets.entrySet().removeIf(e -> refill(e.getValue(), now) >= perMinute);
  }

  public int size() {
    return buckets.size();
  }

  private double refill(Bucket b, long now) {
    return Math.min(
        perMinute, b.tokens() + (double) (now - b.atNanos()) * perMinute / MINUTE_NANOS);
  }
}
