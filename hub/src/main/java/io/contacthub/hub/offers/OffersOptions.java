package io.contacthub.hub.offers;

import io.contacthub.hub.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code offers} section of hub.yaml.
 *
 * @param rulesFile the rule file ({@code config/offers.yaml}); a missing file means no rules
 * @param watchInterval how often the file is checked for changes (zero: never; reload by API)
 * @param maxPerEvent at most this many offers per trigger
 * @param recentText inbound messages this recent count as what the caller "said" on a screen-pop
 * @param screenPopBudget the longest a screen-pop waits for its offers before going out without
 */
public record OffersOptions(
    Path rulesFile,
    Duration watchInterval,
    int maxPerEvent,
    Duration recentText,
    Duration screenPopBudget) {

  public static final String DEFAULT_RULES_FILE = "config/offers.yaml";

  public static OffersOptions from(JsonObject s) {
    return new OffersOptions(
        Path.of(s.getString("rulesFile", DEFAULT_RULES_FILE)),
        Duration.ofMillis(number(s, "watchIntervalMillis", 2000, 0)),
        (int) number(s, "maxPerEvent", 3, 1),
        Duration.ofDays(number(s, "recentTextDays", 14, 0)),
        Duration.ofMillis(number(s, "screenPopBudgetMillis", 150, 1)));
  }

  private static long number(JsonObject s, String key, long dflt, long min) {
    Object v = s.getValue(key);
    long n;
    try {
      n =
          v == null
              ? dflt
              : v instanceof Number x ? x.longValue() : Long.parseLong(v.toString().strip());
    } catch (NumberFormatException e) {
      throw new ConfigException("offers." + key + " must be a whole number, was " + v);
    }
    if (n < min) {
      throw new ConfigException("offers." + key + " must be >= " + min + ", was " + n);
    }
    return n;
  }
}
