package io.contacthub.connector.webchat.verify;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Six-digit codes that confirm a visitor's pre-chat email: one open code per visitor, valid for
 * {@link #TTL}, void after {@link #ATTEMPTS} wrong tries; at most {@link #SENDS_PER_WINDOW} codes
 * per visitor and per address in {@link #WINDOW}, so the form cannot be used to flood a mailbox.
 * Codes live in memory: after a hub restart the visitor asks for a new one.
 */
public final class EmailCodes {

  public static final Duration TTL = Duration.ofMinutes(10);
  public static final int ATTEMPTS = 5;
  public static final int SENDS_PER_WINDOW = 3;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What checking a code found. */
  public enum Outcome {
    CONFIRMED,
    WRONG,
    EXPIRED,
    NO_CODE
  }

  /** The outcome, the address a confirmed code was for, and the tries left after a wrong one. */
  public record Check(Outcome outcome, String email, int attemptsLeft) {}

  private record Open(String email, String code, Instant expires, int attemptsLeft) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Open> open = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Deque<Instant>> sent = new ConcurrentHashMap<>();

  public EmailCodes(Clock clock) {
    this.clock = clock;
  }

  /**
   * A new code for the visitor and address (replacing any open one), or null when the visitor or
   * the address has had {@link #SENDS_PER_WINDOW} codes within {@link #WINDOW}.
   */
  public String issue(String visitorId, String email) {
    String address = email.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    if (!withinWindow("v:" + visitorId, now) || !withinWindow("e:" + address, now)) {
      return null;
    }
    record("v:" + visitorId, now);
    record("e:" + address, now);
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    open.put(visitorId, new Open(address, code, now.plus(TTL), ATTEMPTS));
    return code;
  }

  /** Checks a code the visitor typed; a confirmed or exhausted code is used up. */
  public Check check(String visitorId, String code) {
    Check[] result = {new Check(Outcome.NO_CODE, null, 0)};
    open.computeIfPresent(
        visitorId,
        (k, o) -> {
          if (clock.instant().isAfter(o.expires())) {
            result[0] = new Check(Outcome.EXPIRED, null, 0);
            return null;
          }
          if (code != null && MessageDigest.isEqual(code.strip().getBytes(), o.code().getBytes())) {
            result[0] = new Check(Outcome.CONFIRMED, o.email(), 0);
            return null;
          }
          int left = o.attemptsLeft() - 1;
          result[0] = new Check(left > 0 ? Outcome.WRONG : Outcome.EXPIRED, null, left);
          return left > 0 ? new Open(o.email(), o.code(), o.expires(), left) : null;
        });
    return result[0];
  }

  /** Forgets expired codes and old send times (run every minute). */
  public void sweep() {
    Instant now = clock.instant();
    open.values().removeIf(o -> now.isAfter(o.expires()));
    sent.values()
        .removeIf(times -> times.isEmpty() || times.peekLast().isBefore(now.minus(WINDOW)));
  }

  private boolean withinWindow(String key, Instant now) {
    Deque<Instant> times = sent.get(key);
    if (times == null) {
      return true;
    }
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
        times.pollFirst();
      }
      return times.size() < SENDS_PER_WINDOW;
    }
  }

  private void record(String key, Instant now) {
    Deque<Instant> times = sent.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(now);
    }
  }
}
