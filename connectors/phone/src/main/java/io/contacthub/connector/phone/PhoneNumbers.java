package io.contacthub.connector.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the numbers phone systems write: E.164 with or without "+", "00" international prefixes,
 * national numbers, extensions, and the words they use for a withheld caller id.
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final Set<String> WITHHELD =
      Set.of(
          "anonymous",
          "restricted",
          "withheld",
          "private",
          "unknown",
          "unavailable",
          "<unknown>",
          "blocked",
          "clip_no_screening");

  private final String defaultRegion;
  private final String countryCode;
  private final int internalMaxDigits;

  public PhoneNumbers(String defaultRegion, int internalMaxDigits) {
    this.defaultRegion = defaultRegion;
    this.countryCode = String.valueOf(PHONES.getCountryCodeForRegion(defaultRegion));
    this.internalMaxDigits = internalMaxDigits;
  }

  /** No caller id was sent: empty, or a word such as "anonymous" instead of digits. */
  public boolean withheld(String raw) {
    if (raw == null || raw.isBlank()) {
      return true;
    }
    String v = raw.strip().toLowerCase(Locale.ROOT);
    return WITHHELD.contains(v) || v.chars().noneMatch(Character::isDigit);
  }

  /** An extension of the phone system rather than an outside number. */
  public boolean internal(String raw) {
    if (raw == null) {
      return false;
    }
    String v = raw.strip();
    return !v.isEmpty()
        && v.length() <= internalMaxDigits
        && v.chars().allMatch(Character::isDigit);
  }

  /**
   * The number in E.164, or empty when it is withheld, an extension or not a possible number.
   *
   * <p>Generic CTI scripts write international numbers without "+" ({@code 493055571600}), which is
   * also a valid national number in many regions. A bare digit string that starts with the default
   * region's country code and is valid that way is read as international; otherwise as a national
   * number, then as an international one.
   */
  public Optional<String> e164(String raw) {
    if (withheld(raw) || internal(raw)) {
      return Optional.empty();
    }
    String v = raw.strip();
    if (v.startsWith("tel:")) {
      v = v.substring(4);
    }
    v = v.replaceAll("[\\s().\\-/]", "");
    if (v.startsWith("00")) {
      v = "+" + v.substring(2);
    }
    if (v.startsWith("+")) {
      return parse(v, "ZZ", false);
    }
    Optional<String> international = parse("+" + v, "ZZ", true);
    if (international.isPresent() && v.startsWith(countryCode)) {
      return international;
    }
    Optional<String> national = parse(v, defaultRegion, true);
    if (national.isPresent()) {
      return national;
    }
    return international.isPresent() ? international : parse(v, defaultRegion, false);
  }

  /** The number for people to read ("+49 30 23125741"), or the raw value when unreadable. */
  public String display(String raw) {
    return e164(raw)
        .map(
            n -> {
              try {
                return PHONES.format(PHONES.parse(n, "ZZ"), PhoneNumberFormat.INTERNATIONAL);
              } catch (NumberParseException e) {
                return n;
              }
            })
        .orElse(raw == null ? "" : raw.strip());
  }

  private static Optional<String> parse(String v, String region, boolean requireValid) {
    try {
      PhoneNumber n = PHONES.parse(v, region);
      boolean ok = requireValid ? PHONES.isValidNumber(n) : PHONES.isPossibleNumber(n);
      return ok ? Optional.of(PHONES.format(n, PhoneNumberFormat.E164)) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
