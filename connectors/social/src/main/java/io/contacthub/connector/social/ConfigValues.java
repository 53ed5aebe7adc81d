package io.contacthub.connector.social;

import io.vertx.core.json.JsonObject;

/**
 * Typed reads of the {@code social} config section. Values overridden from the environment arrive
 * as strings ({@code HUB_SOCIAL_MAX_BODY_BYTES=65536}), so numbers are read from either form; every
 * error names the key.
 */
final class ConfigValues {

  private ConfigValues() {}

  static String string(JsonObject json, String key, String path, String dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    String s = String.valueOf(v).strip();
    return s.isEmpty() ? dflt : s;
  }

  static long number(JsonObject json, String key, String path, long dflt, long min, long max) {
    Object v = json.getValue(key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return dflt;
    }
    long n;
    try {
      n = v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          path + "." + key + " must be a whole number, not '" + v + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          path + "." + key + " must be from " + min + " to " + max + ", not " + n);
    }
    return n;
  }
}
