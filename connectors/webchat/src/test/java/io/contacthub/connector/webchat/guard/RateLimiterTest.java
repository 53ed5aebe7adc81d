package io.contacthub.connector.webchat.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RateLimiterTest {

  @Test
  void aBurstUpToTheRateThenOnePerIntervalPerKey() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(3, now::get);
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue();

    now.addAndGet(20_000_000_000L); // a third of a minute refills one token
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void sweepForgetsOnlyFullBuckets() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(2, now::get);
    limiter.tryAcquire("a");
    limiter.tryAcquire("b");
    now.addAndGet(10_000_000_000L);
    limiter.tryAcquire("b");
    now.addAndGet(25_000_000_000L);
    limiter.sweep();
    assertThat(limiter.size()).isEqualTo(1);
  }
}
