package io.contacthub.hub.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.NormalizedIdentity;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Brings identities into one canonical form so the same person is found whatever the channel wrote:
 * emails lower-cased, phone numbers in E.164 (libphonenumber, with a default region for national
 * numbers), platform ids trimmed. Unusable values are client errors.
 */
public final class IdentityNormalizer {

  private static final int MAX_LENGTH = 320;
  // Deliberately loose: the mail system decides deliverability; we only refuse what cannot be an
  // address at all (no @, whitespace, no dot-less garbage like "a@").
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final int PHONE_CACHE_SIZE = 16_384;

  private final String defaultRegion;
  // Per instance, so the key is the raw string alone: the default region is fixed.
  private final RecentPhones phones = new RecentPhones(PHONE_CACHE_SIZE);

  public IdentityNormalizer(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  public NormalizedIdentity normalize(Identity identity) {
    return new NormalizedIdentity(
        identity.type(), normalizeValue(identity.type(), identity.value()), identity.verified());
  }

  /** The canonical value, or a 400 {@link HubException} naming what is wrong. */
  public String normalizeValue(IdentityType type, String value) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw HubException.badRequest("identity of type " + type.wireName() + " has an empty value");
    }
    if (v.length() > MAX_LENGTH) {
      throw HubException.badRequest(
          "identity of type " + type.wireName() + " is longer than " + MAX_LENGTH + " characters");
    }
    return switch (type) {
      case EMAIL -> email(v);
      case PHONE ->
          phone(v)
              .orElseThrow(
                  () ->
                      HubException.badRequest("identity phone '" + v + "' is not a phone number"));
      default -> v;
    };
  }

  /**
   * Parses a string that may be any identity: {@code type:value}, an email address, or a phone
   * number; empty when it is none of them.
   */
  public Optional<NormalizedIdentity> parseAny(String text) {
    String t = text == null ? "" : text.strip();
    int colon = t.indexOf(':');
    if (colon > 0) {
      Optional<IdentityType> type = IdentityType.fromWireName(t.substring(0, colon));
      if (type.isPresent()) {
        return Optional.of(
            new NormalizedIdentity(
                type.get(), normalizeValue(type.get(), t.substring(colon + 1)), false));
      }
    }
    if (EMAIL.matcher(t).matches()) {
      return Optional.of(new NormalizedIdentity(IdentityType.EMAIL, email(t), false));
    }
    return phone(t).map(p -> new NormalizedIdentity(IdentityType.PHONE, p, false));
  }

  private static String email(String v) {
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mailto:")) {
      lower = lower.substring("mailto:".length());
    }
    if (!EMAIL.matcher(lower).matches()) {
      throw HubException.badRequest("identity email '" + v + "' is not an email address");
    }
    return lower;
  }

  /**
   * E.164 for anything libphonenumber can read as a possible number. The same raw strings come back
   * with every message of a customer, and parsing is the dearest step of ingest, so results
   * (failures too) are remembered.
   */
  public Optional<String> phone(String raw) {
    Optional<String> known = phones.get(raw);
    if (known == null) {
      known = parsePhone(raw);
      phones.put(raw, known);
    }
    return known;
  }

  private Optional<String> parsePhone(String raw) {
    String v = raw.strip();
    if (v.startsWith("tel:")) {
      v = v.substring(4);
    }
    // "00" is the international call prefix in most of the world; read it as "+" so
    // "0049 151 ..." is one number whatever the default region is.
    if (v.startsWith("00")) {
      v = "+" + v.substring(2);
    }
    if (v.chars().noneMatch(Character::isDigit)) {
      return Optional.empty();
    }
    try {
      PhoneNumber n = PHONES.parse(v, defaultRegion);
      if (!PHONES.isPossibleNumber(n)) {
        return Optional.empty();
      }
      return Optional.of(PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /**
   * A bounded map of recent results in two generations: lookups hit the young one, or move an entry
   * up from the old one; when the young one is full it becomes the old one and the previous old one
   * is dropped. So values in use stay, memory stays under twice {@code generationSize} entries, and
   * no lock is taken. Races between threads only cost a repeated parse.
   */
  private static final class RecentPhones {
    private final int generationSize;
    private volatile Map<String, Optional<String>> young = new ConcurrentHashMap<>();
    private volatile Map<String, Optional<String>> old = Map.of();

    RecentPhones(int generationSize) {
      this.generationSize = generationSize;
    }

    Optional<String> get(String raw) {
      Optional<String> v = young.get(raw);
      if (v == null) {
        v = old.get(raw);
        if (v != null) {
          put(raw, v);
        }
      }
      return v;
    }

    void put(String raw, Optional<String> value) {
      Map<String, Optional<String>> y = young;
      if (y.size() >= generationSize) {
        old = y;
        y = new ConcurrentHashMap<>();
        young = y;
      }
      y.put(raw, value);
    }
  }
}
