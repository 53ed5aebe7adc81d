package io.contacthub.connector.social.outbound;

import java.time.Duration;

/**
 * How often and how patiently a reply is tried again after a rate limit (429) or a server error
 * (5xx): exponential backoff from {@code initialDelay} up to {@code maxDelay}, unless the platform
 * names its own wait with {@code Retry-After}.
 *
 * @param attempts tries in all, the first one included
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a platform asking for more gets a
 *     failed delivery marked retryable, rather than an agent waiting on a reply for minutes
 */
public record RetryPolicy(
    int attempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

  public static final int DEFAULT_ATTEMPTS = 4;
  public static final long DEFAULT_INITIAL_DELAY_MS = 500;
  public static final long DEFAULT_MAX_DELAY_MS = 30_000;
  public static final long DEFAULT_MAX_RETRY_AFTER_SECONDS = 60;

  /** The wait before try number {@code attempt + 1} (attempt counts from 1). */
  public Duration backoff(int attempt) {
    long millis = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
