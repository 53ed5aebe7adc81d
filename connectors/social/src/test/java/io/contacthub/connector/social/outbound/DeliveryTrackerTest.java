package io.contacthub.connector.social.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DeliveryTrackerTest {

  @Test
  void aLateStatusNeverMovesAMessageBack() {
    DeliveryTracker t = new DeliveryTracker(10);
    t.sent("m1", "psid", Instant.ofEpochSecond(100));

    assertThat(t.advances("m1", DeliveryState.SENT)).isFalse();
    assertThat(t.advances("m1", DeliveryState.READ)).isTrue();
    t.record("m1", DeliveryState.READ);
    assertThat(t.advances("m1", DeliveryState.DELIVERED)).isFalse();
    assertThat(t.advances("m1", DeliveryState.FAILED)).isTrue();
    assertThat(t.advances("unknown", DeliveryState.DELIVERED)).isTrue();
  }

  @Test
  void aWatermarkCoversWhatWasSentToThatRecipientUpToIt() {
    DeliveryTracker t = new DeliveryTracker(10);
    t.sent("a", "psid-1", Instant.ofEpochSecond(100));
    t.sent("b", "psid-1", Instant.ofEpochSecond(200));
    t.sent("c", "psid-2", Instant.ofEpochSecond(100));

    assertThat(t.sentTo("psid-1", Instant.ofEpochSecond(150))).containsExactly("a");
    assertThat(t.sentTo("psid-1", Instant.ofEpochSecond(200))).containsExactly("a", "b");
  }

  @Test
  void theOldestAreForgottenFirst() {
    DeliveryTracker t = new DeliveryTracker(2);
    t.sent("a", "r", Instant.ofEpochSecond(1));
    t.sent("b", "r", Instant.ofEpochSecond(2));
    t.sent("c", "r", Instant.ofEpochSecond(3));

    assertThat(t.sentTo("r", Instant.ofEpochSecond(10))).containsExactly("b", "c");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetryPolicy p =
        new RetryPolicy(
            5,
            java.time.Duration.ofMillis(100),
            java.time.Duration.ofMillis(350),
            java.time.Duration.ofSeconds(60));
    assertThat(p.backoff(1).toMillis()).isEqualTo(100);
    assertThat(p.backoff(2).toMillis()).isEqualTo(200);
    assertThat(p.backoff(3).toMillis()).isEqualTo(350);
  }
}
