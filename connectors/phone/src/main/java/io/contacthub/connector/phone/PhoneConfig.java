package io.contacthub.connector.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.contacthub.connector.ConfigValues;
import io.contacthub.connector.phone.ami.AmiOptions;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated {@code phone} section; built once at start, an invalid value fails the start with
 * the key's name.
 *
 * @param ctiToken the token in the generic CTI URL; empty turns the CTI endpoint off
 * @param defaultRegion region for numbers written without a country code
 * @param internalNumberMaxDigits numbers this short are extensions: an AMI or CDR call from one to
 *     an outside number is outbound, and a call between two is internal and not recorded
 * @param queues queue name to the logins (or extensions, names, emails) of its members: who gets
 *     the screen-pop of a call to that queue when the CTI names no agent
 * @param ami the Asterisk Manager Interface client, or null when off
 * @param cdrZone the zone of the local times in Asterisk's Master.csv
 */
public record PhoneConfig(
    String ctiToken,
    String defaultRegion,
    int internalNumberMaxDigits,
    int historyItems,
    Map<String, List<String>> queues,
    AmiOptions ami,
    ZoneId cdrZone,
    long cdrMaxBytes) {

  public static final int DEFAULT_HISTORY_ITEMS = 20;
  public static final int DEFAULT_INTERNAL_NUMBER_MAX_DIGITS = 6;
  public static final long DEFAULT_CDR_MAX_BYTES = 10L << 20;

  /** Calls remembered at once, for answer/hangup matching and replays; the oldest go first. */
  public static final int MAX_TRACKED_CALLS = 20_000;

  /** How long an ended call is remembered for replays and late notes. */
  public static final Duration ENDED_CALL_MEMORY = Duration.ofHours(1);

  /** How long a call with no hangup is remembered after its last event. */
  public static final Duration ACTIVE_CALL_MEMORY = Duration.ofHours(12);

  private static final String PATH = "phone";

  public PhoneConfig {
    queues = Map.copyOf(queues);
  }

  public static PhoneConfig from(JsonObject c) {
    String region = ConfigValues.string(c, "defaultRegion", PATH, "US").toUpperCase(Locale.ROOT);
    if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
      throw new IllegalArgumentException(
          "phone.defaultRegion must be a region code like US or DE, not " + region);
    }
    Map<String, List<String>> queues = new LinkedHashMap<>();
    JsonObject q = c.getValue("queues") instanceof JsonObject o ? o : new JsonObject();
    q.forEach(e -> queues.put(e.getKey(), List.copyOf(ConfigValues.strings(e.getValue()))));
    JsonObject cdr = c.getValue("cdr") instanceof JsonObject o ? o : new JsonObject();
    String zone = ConfigValues.string(cdr, "timezone", PATH + ".cdr", "UTC");
    ZoneId cdrZone;
    try {
      cdrZone = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("phone.cdr.timezone is not a time zone: " + zone);
    }
    JsonObject ami = c.getValue("ami") instanceof JsonObject o ? o : new JsonObject();
    return new PhoneConfig(
        ConfigValues.string(c, "ctiToken", PATH, ""),
        region,
        (int)
            ConfigValues.number(
                c, "internalNumberMaxDigits", PATH, DEFAULT_INTERNAL_NUMBER_MAX_DIGITS, 1, 15),
        (int) ConfigValues.number(c, "historyItems", PATH, DEFAULT_HISTORY_ITEMS, 0, 200),
        queues,
        ami(ami),
        cdrZone,
        ConfigValues.number(cdr, "maxBytes", PATH + ".cdr", DEFAULT_CDR_MAX_BYTES, 1024, 1L << 30));
  }

  private static AmiOptions ami(JsonObject a) {
    String path = PATH + ".ami";
    if (!ConfigValues.bool(a, "enabled", path, false)) {
      return null;
    }
    String host = ConfigValues.string(a, "host", path, "127.0.0.1");
    String username = ConfigValues.string(a, "username", path, "");
    String secret = ConfigValues.string(a, "secret", path, "");
    if (username.isEmpty() || secret.isEmpty()) {
      throw new IllegalArgumentException(
          "phone.ami.username and phone.ami.secret (HUB_PHONE_AMI_SECRET) are required when"
              + " phone.ami.enabled is true");
    }
    long initial =
        ConfigValues.number(
            a,
            "reconnectInitialMillis",
            path,
            AmiOptions.DEFAULT_RECONNECT_INITIAL_MILLIS,
            10,
            600_000);
    return new AmiOptions(
        host,
        (int) ConfigValues.number(a, "port", path, AmiOptions.DEFAULT_PORT, 1, 65535),
        username,
        secret,
        Duration.ofMillis(initial),
        Duration.ofMillis(
            ConfigValues.number(
                a,
                "reconnectMaxMillis",
                path,
                AmiOptions.DEFAULT_RECONNECT_MAX_MILLIS,
                initial,
                3_600_000)),
        Duration.ofSeconds(
            ConfigValues.number(a, "pingSeconds", path, AmiOptions.DEFAULT_PING_SECONDS, 1, 3600)));
  }
}
