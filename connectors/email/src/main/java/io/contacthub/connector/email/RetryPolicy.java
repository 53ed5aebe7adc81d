package io.contacthub.connector.email;

import java.time.Duration;

/**
 * Exponential backoff for transient failures.
 *
 * @param attempts total tries, the first one included
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {

  public static final int DEFAULT_ATTEMPTS = 4;
  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("retry attempts must be at least 1");
    }
  }

  /** The wait before try number {@code attempt + 1}, where attempt counts from 1. */
  public Duration delayAfter(int attempt) {
    long millis = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
