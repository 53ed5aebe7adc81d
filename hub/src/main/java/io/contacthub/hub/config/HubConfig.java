package io.contacthub.hub.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The hub's validated configuration. Built once at start-up; an invalid value fails fast with a
 * message naming the key and its environment variable.
 *
 * @param raw the whole configuration tree, for connectors' own sections
 */
public record HubConfig(
    String nodeId,
    String httpHost,
    int httpPort,
    long maxBodyBytes,
    Path dataDir,
    String adminPassword,
    String ingestToken,
    String jwtSecret,
    Duration tokenTtl,
    String defaultRegion,
    Duration continuityWindow,
    long logSegmentBytes,
    Duration refreshInterval,
    Duration commitInterval,
    long attachmentMaxBytes,
    JsonObject raw) {

  private static final Set<String> REGIONS =
      com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions();

  public static HubConfig from(JsonObject c) {
    String region = string(c, "identity.defaultRegion", "US").toUpperCase(Locale.ROOT);
    if (!REGIONS.contains(region)) {
      throw invalid(
          "identity.defaultRegion", region, "a supported ISO 3166 region code like US or DE");
    }
    String nodeId = string(c, "node.id", "");
    int port = (int) number(c, "http.port", 8080, 0, 65535);
    return new HubConfig(
        nodeId.isBlank() ? defaultNodeId(port) : nodeId,
        string(c, "http.host", "0.0.0.0"),
        port,
        number(c, "http.maxBodyBytes", 1 << 20, 1024, 1L << 30),
        Path.of(string(c, "data.dir", "./data")),
        string(c, "admin.password", ""),
        string(c, "ingest.token", ""),
        string(c, "auth.jwtSecret", ""),
        Duration.ofSeconds(number(c, "auth.tokenTtlSeconds", 28800, 60, 31L * 24 * 3600)),
        region,
        Duration.ofHours(number(c, "threading.continuityWindowHours", 72, 0, 24L * 365)),
        number(c, "log.segmentBytes", 64L << 20, 1 << 16, 1L << 31),
        Duration.ofMillis(number(c, "index.refreshMillis", 250, 1, 1000)),
        Duration.ofSeconds(number(c, "index.commitIntervalSeconds", 30, 1, 3600)),
        number(c, "attachments.maxBytes", 25L << 20, 1024, 1L << 31),
        c);
  }

  /** A connector's own section, or an empty one. */
  public JsonObject section(String name) {
    return raw.getJsonObject(name, new JsonObject());
  }

  /** The host name and port: unique among nodes, even several on one host. */
  private static String defaultNodeId(int port) {
    try {
      return java.net.InetAddress.getLocalHost().getHostName() + ":" + port;
    } catch (java.net.UnknownHostException e) {
      return "hub-1:" + port;
    }
  }

  private static Object lookup(JsonObject c, String path) {
    Object node = c;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject o)) {
        return null;
      }
      node = o.getValue(part);
    }
    return node;
  }

  private static String string(JsonObject c, String path, String dflt) {
    Object v = lookup(c, path);
    return v == null ? dflt : String.valueOf(v);
  }

  private static long number(JsonObject c, String path, long dflt, long min, long max) {
    return ConfigChecks.wholeNumber(lookup(c, path), path, dflt, min, max);
  }

  private static ConfigException invalid(String path, Object value, String expected) {
    return ConfigChecks.invalid(path, value, expected);
  }
}
