package io.contacthub.hub.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code hub.yaml}, then applies the environment: {@code ${NAME:-default}} references in
 * string values, and an override for every key from {@code HUB_<PATH_IN_UPPER_SNAKE_CASE>}.
 */
public final class ConfigLoader {

  private static final Pattern ENV_REF =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
  private static final String BUNDLED = "config/hub.yaml";

  private ConfigLoader() {}

  /** Loads {@code file}, or the bundled default when {@code file} is null. */
  public static JsonObject load(Path file, Map<String, String> env) {
    JsonObject raw;
    try (InputStream in = open(file)) {
      Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      if (parsed != null && !(parsed instanceof Map)) {
        throw new ConfigException("config file " + describe(file) + " must be a YAML mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = parsed == null ? Map.of() : (Map<String, Object>) parsed;
      raw = new JsonObject(toJsonCompatible(map));
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read config file " + describe(file) + ": " + e.getMessage());
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new ConfigException(
          "config file " + describe(file) + " is not valid YAML: " + e.getMessage());
    }
    applyEnvironment(raw, "", env);
    return raw;
  }

  /** The env variable that overrides a key path: {@code phone.ctiToken -> HUB_PHONE_CTI_TOKEN}. */
  public static String envName(String path) {
    String snake = path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
    return "HUB_" + snake.toUpperCase(Locale.ROOT);
  }

  private static InputStream open(Path file) throws IOException {
    if (file != null) {
      return Files.newInputStream(file);
    }
    InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(BUNDLED);
    if (in == null) {
      throw new IOException("bundled " + BUNDLED + " is missing from the jar");
    }
    return in;
  }

  private static String describe(Path file) {
    return file == null ? "(bundled " + BUNDLED + ")" : file.toString();
  }

  private static void applyEnvironment(JsonObject node, String prefix, Map<String, String> env) {
    for (String key : new ArrayList<>(node.fieldNames())) {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        applyEnvironment(child, path, env);
        continue;
      }
      String override = env.get(envName(path));
      if (override != null) {
        node.put(key, typedLike(value, override, path));
      } else if (value instanceof String s) {
        node.put(key, resolveReferences(s, path, env));
      }
    }
  }

  /**
   * An env value overriding a boolean becomes one, so {@code getBoolean} works on it; numbers stay
   * text, which {@link HubConfig} parses with a message naming the key.
   */
  private static Object typedLike(Object current, String override, String path) {
    if (!(current instanceof Boolean)) {
      return override;
    }
    if (!override.equalsIgnoreCase("true") && !override.equalsIgnoreCase("false")) {
      throw new ConfigException(
          "config key " + path + ": " + envName(path) + "=" + override + " is not true or false");
    }
    return Boolean.parseBoolean(override);
  }

  private static String resolveReferences(String value, String path, Map<String, String> env) {
    Matcher m = ENV_REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String resolved = env.get(m.group(1));
      if (resolved == null) {
        if (m.group(2) == null) {
          throw new ConfigException(
              "config key " + path + " references ${" + m.group(1) + "}, which is not set");
        }
        resolved = m.group(3);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    m.appendTail(out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toJsonCompatible(Map<String, Object> map) {
    JsonObject out = new JsonObject();
    map.forEach((k, v) -> out.put(String.valueOf(k), convert(v)));
    return out.getMap();
  }

  @SuppressWarnings("unchecked")
  private static Object convert(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new JsonObject(toJsonCompatible((Map<String, Object>) m));
    }
    if (v instanceof List<?> l) {
      JsonArray arr = new JsonArray();
      l.forEach(x -> arr.add(convert(x)));
      return arr;
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant().toString();
    }
    return v;
  }
}
