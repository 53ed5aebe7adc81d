package io.contacthub.hub.api;

import java.time.Duration;

/**
 * Limits and timings of the HTTP API.
 *
 * @param maxBodyBytes the largest request body of a single call; larger ones get 413
 * @param maxBatchBodyBytes the largest body of {@code POST /api/v1/interactions:batch}
 * @param streamHeartbeat how often the live stream pings each connection; one that did not answer
 *     the previous ping is closed
 */
public record ApiOptions(long maxBodyBytes, long maxBatchBodyBytes, Duration streamHeartbeat) {

  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Room for the largest batch (1,000 items) of typical messages. */
  public static final long DEFAULT_MAX_BATCH_BODY_BYTES = 16 * 1024 * 1024;

  /** Below the usual 60 s idle timeout of proxies and load balancers. */
  public static final Duration DEFAULT_STREAM_HEARTBEAT = Duration.ofSeconds(30);

  public static final ApiOptions DEFAULTS =
      new ApiOptions(
          DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BATCH_BODY_BYTES, DEFAULT_STREAM_HEARTBEAT);

  public ApiOptions {
    if (maxBodyBytes <= 0 || maxBatchBodyBytes <= 0) {
      throw new IllegalArgumentException("body limits must be positive");
    }
    if (streamHeartbeat.toMillis() < 1) {
      throw new IllegalArgumentException("the stream heartbeat must be at least 1 ms");
    }
  }
}
