package io.contacthub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.NormalizedIdentity;
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
}
