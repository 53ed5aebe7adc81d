package io.contacthub.hub.routing.metrics;

import java.time.Duration;

/** Adds up contacts and outcomes into {@link Figures}. */
final class Tally {

  private int waiting;
  private long longestWaitMillis;
  private long answered;
  private long answeredInThreshold;
  private long answerMillis;
  private long abandoned;
  private long shortAbandoned;
  private long handled;
  private long handleMillis;

  /** {@code count} contacts waiting, the longest of them for {@code longestWaitedMillis}. */
  void waiting(int count, long longestWaitedMillis) {
    waiting += count;
    longestWaitMillis = Math.max(longestWaitMillis, longestWaitedMillis);
  }

  void outcome(Outcome o, Duration threshold, Duration shortAbandon) {
    long ms = o.duration().toMillis();
    switch (o.kind()) {
      case ANSWERED -> {
        answered++;
        answerMillis += ms;
        if (ms <= threshold.toMillis()) {
          answeredInThreshold++;
        }
      }
      case ABANDONED -> {
        if (ms < shortAbandon.toMillis()) {
          shortAbandoned++;
        } else {
          abandoned++;
        }
      }
      case HANDLED -> {
        handled++;
        handleMillis += ms;
      }
    }
  }

  Figures figures() {
    long offered = answered + abandoned;
    return new Figures(
        waiting,
        round(longestWaitMillis / 1000.0),
        answered,
        answeredInThreshold,
        abandoned,
        shortAbandoned,
        handled,
        offered == 0 ? null : round(100.0 * answeredInThreshold / offered),
        answered == 0 ? null : round(answerMillis / 1000.0 / answered),
        offered == 0 ? null : round(100.0 * abandoned / offered),
        handled == 0 ? null : round(handleMillis / 1000.0 / handled));
  }

  /** Two decimals: enough for a wall, and the same numbers in the JSON, events and meters. */
  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
