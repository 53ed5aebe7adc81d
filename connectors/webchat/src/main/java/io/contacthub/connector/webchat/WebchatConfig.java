package io.contacthub.connector.webchat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code webchat} section of the hub configuration, checked once at start.
 *
 * @param maxMessageChars longest visitor message accepted
 * @param visitorPerMinute messages (and other frames that write) one visitor may send per minute
 * @param ipPerMinute sockets plus messages one IP address may open or send per minute
 */
public record WebchatConfig(
    Map<String, SiteConfig> sites,
    int maxMessageChars,
    int visitorPerMinute,
    int ipPerMinute,
    Duration visitorTokenTtl,
    Duration continueLinkTtl,
    Duration helloTimeout) {

  public static final int DEFAULT_MAX_MESSAGE_CHARS = 4000;
  public static final int DEFAULT_VISITOR_PER_MINUTE = 30;
  public static final int DEFAULT_IP_PER_MINUTE = 120;
  public static final int DEFAULT_VISITOR_TOKEN_DAYS = 180;
  public static final int DEFAULT_CONTINUE_LINK_HOURS = 72;

  public WebchatConfig {
    sites = Map.copyOf(sites);
  }

  static WebchatConfig from(JsonObject j) {
    Map<String, SiteConfig> sites = new LinkedHashMap<>();
    JsonArray list = j.getJsonArray("sites", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      SiteConfig site = SiteConfig.from(list.getJsonObject(i), i);
      if (sites.put(site.id(), site) != null) {
        throw new IllegalArgumentException("webchat.sites: site id '" + site.id() + "' twice");
      }
    }
    JsonObject limits = j.getJsonObject("rateLimit", new JsonObject());
    return new WebchatConfig(
        sites,
        positive(j, "maxMessageChars", DEFAULT_MAX_MESSAGE_CHARS),
        positive(limits, "visitorPerMinute", DEFAULT_VISITOR_PER_MINUTE),
        positive(limits, "ipPerMinute", DEFAULT_IP_PER_MINUTE),
        Duration.ofDays(positive(j, "visitorTokenDays", DEFAULT_VISITOR_TOKEN_DAYS)),
        Duration.ofHours(positive(j, "continueLinkHours", DEFAULT_CONTINUE_LINK_HOURS)),
        Duration.ofSeconds(10));
  }

  public Optional<SiteConfig> site(String id) {
    return Optional.ofNullable(id == null ? null : sites.get(id));
  }

  private static int positive(JsonObject j, String key, int fallback) {
    Object v = j.getValue(key);
    int n;
    try {
      n = v == null ? fallback : Integer.parseInt(String.valueOf(v).strip());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n <= 0) {
      throw new IllegalArgumentException("webchat." + key + ": must be a positive number");
    }
    return n;
  }
}
