package io.contacthub.hub.cluster;

import io.contacthub.hub.config.ConfigException;
import io.contacthub.hub.config.HubConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Cluster mode's settings: the Redis URL (key {@code redis.url}, env {@code HUB_REDIS_URL}) and
 * this node's name. Cluster mode needs the secrets every node must share from the configuration: a
 * node generating its own would refuse the others' agent tokens and ingest token.
 *
 * @param redisUrl a {@code redis://} or {@code rediss://} URL
 * @param nodeId names this node in Redis and in other nodes' logs
 */
public record ClusterOptions(String redisUrl, String nodeId) {

  /** The cluster settings, or null in the embedded mode (no Redis URL). */
  public static ClusterOptions from(HubConfig config) {
    String url = config.section("redis").getString("url", "").trim();
    if (url.isEmpty()) {
      return null;
    }
    try {
      String scheme = new URI(url).getScheme();
      if (scheme == null
          || !(scheme.toLowerCase(Locale.ROOT).equals("redis")
              || scheme.toLowerCase(Locale.ROOT).equals("rediss"))) {
        throw invalidUrl();
      }
    } catch (URISyntaxException e) {
      throw invalidUrl();
    }
    requireShared(config.jwtSecret(), "auth.jwtSecret", "HUB_AUTH_JWT_SECRET", "agents' tokens");
    requireShared(config.ingestToken(), "ingest.token", "HUB_INGEST_TOKEN", "the ingest token");
    return new ClusterOptions(url, config.nodeId());
  }

  /** Where Redis is, without credentials: for logs and the readiness answer. */
  public String redisAddress() {
    URI uri = URI.create(redisUrl);
    return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
  }

  private static void requireShared(String value, String key, String env, String what) {
    if (value.isBlank()) {
      throw new ConfigException(
          "config key "
              + key
              + " (env "
              + env
              + "): must be set in cluster mode (HUB_REDIS_URL is set), the same on every node,"
              + " so that every node accepts "
              + what);
    }
  }

  private static ConfigException invalidUrl() {
    return new ConfigException(
        "config key redis.url (env HUB_REDIS_URL): expected a redis:// or rediss:// URL");
  }
}
