package io.contacthub.connector.webchat.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EmailCodesTest {

  /** A clock the test moves. */
  private static final class Moving extends Clock {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Moving clock = new Moving();
  private final EmailCodes codes = new EmailCodes(clock);

  @Test
  void aCodeConfirmsOnceAndOnlyForItsVisitor() {
    String code = codes.issue("v-1", "Jo@Example.com");
    assertThat(code).matches("\\d{6}");
    assertThat(codes.check("v-2", code).outcome()).isEqualTo(EmailCodes.Outcome.NO_CODE);
    EmailCodes.Check ok = codes.check("v-1", code);
    assertThat(ok.outcome()).isEqualTo(EmailCodes.Outcome.CONFIRMED);
    assertThat(ok.email()).isEqualTo("jo@example.com");
    assertThat(codes.check("v-1", code).outcome()).isEqualTo(EmailCodes.Outcome.NO_CODE);
  }

  @Test
  void aCodeExpiresAndDiesAfterTooManyWrongTries() {
    String code = codes.issue("v-1", "jo@example.com");
    clock.now = clock.now.plus(EmailCodes.TTL).plusSeconds(1);
    assertThat(codes.check("v-1", code).outcome()).isEqualTo(EmailCodes.Outcome.EXPIRED);

    String again = codes.issue("v-1", "jo@example.com");
    String wrong = again.equals("000000") ? "111111" : "000000";
    for (int left = EmailCodes.ATTEMPTS - 1; left > 0; left--) {
      EmailCodes.Check c = codes.check("v-1", wrong);
      assertThat(c.outcome()).isEqualTo(EmailCodes.Outcome.WRONG);
      assertThat(c.attemptsLeft()).isEqualTo(left);
    }
    assertThat(codes.check("v-1", wrong).outcome()).isEqualTo(EmailCodes.Outcome.EXPIRED);
    assertThat(codes.check("v-1", again).outcome()).isEqualTo(EmailCodes.Outcome.NO_CODE);
  }

  @Test
  void codesAreLimitedPerVisitorAndPerAddressWithinTheWindow() {
    for (int i = 0; i < EmailCodes.SENDS_PER_WINDOW; i++) {
      assertThat(codes.issue("v-1", "a" + i + "@example.com")).isNotNull();
    }
    assertThat(codes.issue("v-1", "other@example.com")).isNull();
    for (int i = 0; i < EmailCodes.SENDS_PER_WINDOW; i++) {
      assertThat(codes.issue("v-" + (10 + i), "target@example.com")).isNotNull();
    }
    assertThat(codes.issue("v-99", "TARGET@example.com")).as("per address").isNull();

    clock.now = clock.now.plus(EmailCodes.WINDOW).plus(Duration.ofSeconds(1));
    codes.sweep();
    assertThat(codes.issue("v-1", "other@example.com")).isNotNull();
  }
}
