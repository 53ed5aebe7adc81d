package io.contacthub.connector.email;

import java.util.Locale;

/** How a mail connection is secured. */
public enum Tls {
  /** Plain text; only for local test servers. */
  NONE,
  /** Plain connect, then STARTTLS, which is required to succeed. */
  STARTTLS,
  /** TLS from the first byte (IMAPS 993, SMTPS 465). */
  TLS;

  static Tls parse(String value, String key) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be none, starttls or tls, not " + value);
    }
  }
}
