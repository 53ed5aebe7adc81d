package io.contacthub.connector.email;

import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads of the {@code email} config section, with the key path in every error. */
final class ConfigValues {

  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private ConfigValues() {}

  static String required(JsonObject json, String key, String path) {
    String value = json.getString(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(path + "." + key + " is required");
    }
    return value.trim();
  }

  static int port(JsonObject json, String path, int defaultPort) {
    int port = json.getInteger("port", defaultPort);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(path + ".port must be 1-65535, not " + port);
    }
    return port;
  }

  /**
   * A secret: config files carry only {@code ${ENV_VAR}} references, resolved here so that a
   * missing variable fails the start instead of a later login.
   */
  static String secret(JsonObject json, String key, String path, Function<String, String> env) {
    String value = json.getString(key);
    if (value == null) {
      return null;
    }
    Matcher m = ENV_REFERENCE.matcher(value.trim());
    if (!m.matches()) {
      return value;
    }
    String resolved = env.apply(m.group(1));
    if (resolved == null) {
      throw new IllegalArgumentException(
          path + "." + key + " refers to environment variable " + m.group(1) + ", which is unset");
    }
    return resolved;
  }
}
