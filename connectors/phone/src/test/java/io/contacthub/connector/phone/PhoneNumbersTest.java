package io.contacthub.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

  private final PhoneNumbers germany = new PhoneNumbers("DE", 6);
  private final PhoneNumbers us = new PhoneNumbers("US", 6);

  @ParameterizedTest(name = "{0} in DE -> {1}")
  @CsvSource({
    // generic CTI: international without "+"
    "493055571600, +493055571600",
    "4915112345678, +4915112345678",
    // national with trunk prefix, formatted, "00", "+", tel:
    "02214710334, +492214710334",
    "'030 2312 5741', +493023125741",
    "0049 30 23125741, +493023125741",
    "+1 (415) 555-0100, +14155550100",
    "tel:+14155550100, +14155550100",
    // a foreign number without "+" that is no German number
    "14155550100, +14155550100",
  })
  void readsWhatPhoneSystemsWriteInGermany(String raw, String e164) {
    assertThat(germany.e164(raw)).contains(e164);
  }

  @ParameterizedTest(name = "{0} in US -> {1}")
  @CsvSource({
    "4155550100, +14155550100",
    "14155550100, +14155550100",
    "(415) 555-0100, +14155550100"
  })
  void readsNationalNumbersInTheUs(String raw, String e164) {
    assertThat(us.e164(raw)).contains(e164);
  }

  @ParameterizedTest(name = "{0} is withheld")
  @CsvSource({"anonymous", "Restricted", "<unknown>", "withheld", "' '", "PRIVATE"})
  void withheldCallerIdsGiveNoNumber(String raw) {
    assertThat(germany.withheld(raw)).isTrue();
    assertThat(germany.e164(raw)).isEmpty();
  }

  @ParameterizedTest(name = "{0} is an extension")
  @CsvSource({"201", "4711", "123456"})
  void extensionsAreInternalAndNoCustomerNumber(String raw) {
    assertThat(germany.internal(raw)).isTrue();
    assertThat(germany.e164(raw)).isEmpty();
  }

  @ParameterizedTest(name = "{0} is outside")
  @CsvSource({"1234567", "+493023125741", "s"})
  void longerNumbersAreNotExtensions(String raw) {
    assertThat(germany.internal(raw)).isFalse();
  }
}
