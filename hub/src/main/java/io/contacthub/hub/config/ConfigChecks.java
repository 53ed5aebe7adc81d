package io.contacthub.hub.config;

/**
 * Checks shared by every section of {@code hub.yaml}: values overridden from the environment arrive
 * as strings, and every error names the key and, where there is one, its environment variable.
 */
public final class ConfigChecks {

  private ConfigChecks() {}

  /** A whole number from a number or a numeric string; {@code dflt} when absent or blank. */
  public static long wholeNumber(Object value, String path, long dflt, long min, long max) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return dflt;
    }
    long n;
    try {
      n =
          value instanceof Number num
              ? num.longValue()
              : Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw invalid(path, value, "a whole number");
    }
    if (n < min || n > max) {
      throw invalid(path, value, "a number from " + min + " to " + max);
    }
    return n;
  }

  /** Keys inside lists ({@code routing.queues[0].name}) have no environment override. */
  public static ConfigException invalid(String path, Object value, String expected) {
    String env = path.contains("[") ? "" : " (env " + ConfigLoader.envName(path) + ")";
    return new ConfigException(
        "config key " + path + env + ": expected " + expected + ", got '" + value + "'");
  }
}
