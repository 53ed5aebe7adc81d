package io.contacthub.connector.phone.ami;

import java.time.Duration;

/**
 * Where and how the AMI client connects.
 *
 * @param reconnectInitial the first wait after a lost or refused connection; doubled on each
 *     failure up to {@code reconnectMax}, and reset once a login succeeds
 * @param ping how often the client pings; a connection that answers nothing for three pings is
 *     taken as dead (a half-open TCP connection sends no close)
 */
public record AmiOptions(
    String host,
    int port,
    String username,
    String secret,
    Duration reconnectInitial,
    Duration reconnectMax,
    Duration ping) {

  public static final int DEFAULT_PORT = 5038;
  public static final long DEFAULT_RECONNECT_INITIAL_MILLIS = 1_000;
  public static final long DEFAULT_RECONNECT_MAX_MILLIS = 30_000;
  public static final long DEFAULT_PING_SECONDS = 20;

  @Override
  public String toString() {
    // The secret never reaches a log line.
    return "AmiOptions[" + username + "@" + host + ":" + port + "]";
  }
}
