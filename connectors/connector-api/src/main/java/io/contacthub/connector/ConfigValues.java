package io.contacthub.connector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of a connector's config section. Values overridden from the environment arrive as
 * strings ({@code HUB_PHONE_AMI_PORT=5038}), so numbers and booleans are read from either form;
 * every error names the key ({@code path.key}).
 */
public final class ConfigValues {

  private ConfigValues() {}

  public static String string(JsonObject json, String key, String path, String dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    String s = String.valueOf(v).strip();
    return s.isEmpty() ? dflt : s;
  }

  public static long number(
      JsonObject json, String key, String path, long dflt, long min, long max) {
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

  public static boolean bool(JsonObject json, String key, String path, boolean dflt) {
    Object v = json.getValue(key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(v).strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default ->
          throw new IllegalArgumentException(path + "." + key + " must be true or false, not " + v);
    };
  }

  /** A list written as a YAML sequence, or as a comma-separated string from the environment. */
  public static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      a.forEach(x -> addNonBlank(out, String.valueOf(x)));
    } else if (v != null) {
      for (String part : String.valueOf(v).split(",")) {
        addNonBlank(out, part);
      }
    }
    return out;
  }

  private static void addNonBlank(List<String> out, String s) {
    if (!s.isBlank()) {
      out.add(s.strip());
    }
  }
}
