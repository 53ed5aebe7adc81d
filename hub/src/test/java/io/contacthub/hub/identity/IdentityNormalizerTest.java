package io.contacthub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.NormalizedIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdentityNormalizerTest {

  private final IdentityNormalizer us = new IdentityNormalizer("US");
  private final IdentityNormalizer de = new IdentityNormalizer("DE");

  @Test
  void phoneNumbersInAnyFormatBecomeOneE164Number() {
    assertThat(us.normalizeValue(IdentityType.PHONE, "+1 (415) 555-0100"))
        .isEqualTo("+14155550100");
    assertThat(us.normalizeValue(IdentityType.PHONE, "(415) 555-0100")).isEqualTo("+14155550100");
    assertThat(us.normalizeValue(IdentityType.PHONE, "tel:+1-415-555-0100"))
        .isEqualTo("+14155550100");
    assertThat(us.normalizeValue(IdentityType.PHONE, "0049 151 12345678"))
        .isEqualTo("+4915112345678");
    assertThat(de.normalizeValue(IdentityType.PHONE, "0049 151 12345678"))
        .isEqualTo("+4915112345678");
    assertThat(de.normalizeValue(IdentityType.PHONE, "0151 12345678")).isEqualTo("+4915112345678");
  }

  @Test
  void unparseablePhoneIsAClientError() {
    assertThatThrownBy(() -> us.normalizeValue(IdentityType.PHONE, "call me maybe"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("is not a phone number")
        .extracting(e -> ((HubException) e).status())
        .isEqualTo(400);
    assertThatThrownBy(() -> us.normalizeValue(IdentityType.PHONE, "12"))
        .isInstanceOf(HubException.class);
  }

  @Test
  void emailsAreLowerCasedAndTrimmed() {
    assertThat(us.normalizeValue(IdentityType.EMAIL, "  Alice.Smith@Example.COM "))
        .isEqualTo("alice.smith@example.com");
    assertThat(us.normalizeValue(IdentityType.EMAIL, "mailto:Bob@x.org")).isEqualTo("bob@x.org");
    assertThatThrownBy(() -> us.normalizeValue(IdentityType.EMAIL, "not an address"))
        .isInstanceOf(HubException.class);
  }

  @Test
  void platformIdsAreNamespacedByType() {
    NormalizedIdentity telegram = us.normalize(Identity.of(IdentityType.TELEGRAM, " 12345 ", true));
    NormalizedIdentity messenger = us.normalize(Identity.of(IdentityType.MESSENGER, "12345", true));
    assertThat(telegram.key()).isEqualTo("telegram:12345");
    assertThat(messenger.key()).isNotEqualTo(telegram.key());
  }

  @Test
  void parseAnyReadsTypedBareEmailAndBarePhone() {
    assertThat(us.parseAny("phone:+1 415 555 0100"))
        .get()
        .extracting(NormalizedIdentity::key)
        .isEqualTo("phone:+14155550100");
    assertThat(us.parseAny("ALICE@example.com"))
        .get()
        .extracting(NormalizedIdentity::key)
        .isEqualTo("email:alice@example.com");
    assertThat(us.parseAny("415.555.0100"))
        .get()
        .extracting(NormalizedIdentity::key)
        .isEqualTo("phone:+14155550100");
    assertThat(us.parseAny("telegram:42"))
        .get()
        .extracting(NormalizedIdentity::key)
        .isEqualTo("telegram:42");
    assertThat(us.parseAny("nothing useful")).isEmpty();
  }

  @Test
  void aPhoneNumberSeenBeforeGivesTheSameResultAndTheSameError() {
    // GIVEN both answers once
    String first = us.normalizeValue(IdentityType.PHONE, "(415) 555-0100");
    assertThatThrownBy(() -> us.normalizeValue(IdentityType.PHONE, "call me maybe"))
        .hasMessage("identity phone 'call me maybe' is not a phone number");

    // WHEN asked again, THEN the same answers
    assertThat(us.normalizeValue(IdentityType.PHONE, "(415) 555-0100")).isEqualTo(first);
    assertThatThrownBy(() -> us.normalizeValue(IdentityType.PHONE, "call me maybe"))
        .isInstanceOf(HubException.class)
        .hasMessage("identity phone 'call me maybe' is not a phone number")
        .extracting(e -> ((HubException) e).status())
        .isEqualTo(400);
    assertThat(us.phone("12")).isEmpty();
    assertThat(us.phone("12")).isEmpty();
    // The region is the normalizer's: a national number reads differently elsewhere.
    assertThat(de.normalizeValue(IdentityType.PHONE, "0151 12345678")).isEqualTo("+4915112345678");
    assertThat(us.phone("0151 12345678")).isNotEqualTo(Optional.of("+4915112345678"));
  }

  @Test
  void manyMoreNumbersThanAreRememberedStillNormalizeRightFromSeveralThreads() throws Exception {
    // GIVEN far more distinct numbers than the normalizer keeps, asked twice each, on three threads
    int numbers = 24_000;
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int offset = t * 7_919;
        wrong.add(
            pool.submit(
                () -> {
                  int mismatches = 0;
                  for (int round = 0; round < 2; round++) {
                    for (int n = 0; n < numbers; n++) {
                      int k = (n + offset) % numbers;
                      String digits = String.format("%07d", 5_000_000 + k);
                      String raw = "(212) " + digits.substring(0, 3) + "-" + digits.substring(3);
                      if (!us.phone(raw).equals(Optional.of("+1212" + digits))) {
                        mismatches++;
                      }
                    }
                  }
                  return mismatches;
                }));
      }

      // THEN every answer is right
      for (Future<Integer> w : wrong) {
        assertThat(w.get(60, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
