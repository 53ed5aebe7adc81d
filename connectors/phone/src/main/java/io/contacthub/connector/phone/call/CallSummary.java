package io.contacthub.connector.phone.call;

import io.contacthub.connector.Direction;
import io.contacthub.connector.phone.PhoneNumbers;

/** The line an agent reads on the timeline: "Inbound call from +1 415-555-0100 — missed". */
final class CallSummary {

  private CallSummary() {}

  static String of(Call c, PhoneNumbers numbers) {
    StringBuilder b = new StringBuilder();
    String number = c.customerNumber();
    if (c.direction() == Direction.INBOUND) {
      b.append("Inbound call from ")
          .append(numbers.withheld(number) ? "a withheld number" : numbers.display(number));
    } else {
      b.append("Outbound call to ").append(numbers.display(number));
    }
    if (c.queue() != null) {
      b.append(" (queue ").append(c.queue()).append(')');
    }
    b.append(" — ");
    String by = c.answeredBy() == null ? "an agent" : c.answeredBy();
    switch (c.state()) {
      case RINGING -> b.append("ringing");
      case ANSWERED -> b.append("answered by ").append(by);
      case ENDED -> {
        if (c.wasAnswered()) {
          b.append("answered by ").append(by);
          Long talk = c.durationSeconds();
          if (talk != null) {
            b.append(", ").append(duration(talk));
          }
        } else {
          b.append("ended");
          appendCause(b, c);
        }
      }
      case MISSED -> {
        b.append("missed");
        appendCause(b, c);
      }
      case ABANDONED -> {
        b.append("abandoned");
        Long wait = c.waitSeconds();
        if (wait != null) {
          b.append(" after ").append(duration(wait));
        }
      }
    }
    return b.toString();
  }

  /** 3m12s, 45s, 1h02m03s. */
  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    if (h > 0) {
      return String.format("%dh%02dm%02ds", h, m, s);
    }
    return m > 0 ? String.format("%dm%02ds", m, s) : s + "s";
  }

  private static void appendCause(StringBuilder b, Call c) {
    if (c.cause() != null && !c.cause().isBlank()) {
      b.append(" (").append(c.cause()).append(')');
    }
  }
}
