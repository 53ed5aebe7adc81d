package io.contacthub.connector.phone.call;

import java.util.Locale;
import java.util.Optional;

/** Where a call stands on the timeline; the last three are final. */
public enum CallState {
  RINGING,
  ANSWERED,
  /** Talked and hung up (or handed on to another party). */
  ENDED,
  /** Nobody answered: no answer, busy, unreachable, or an unanswered outbound call. */
  MISSED,
  /** The caller hung up before anyone answered. */
  ABANDONED;

  public boolean isFinal() {
    return this == ENDED || this == MISSED || this == ABANDONED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CallState> fromWireName(String name) {
    for (CallState s : values()) {
      if (s.wireName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
