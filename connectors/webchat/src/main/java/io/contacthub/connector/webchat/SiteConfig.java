package io.contacthub.connector.webchat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One web site that embeds the widget.
 *
 * @param origins the exact origins ({@code https://www.example.com}) its pages are served from; a
 *     socket from any other origin is refused
 * @param secret the key the site signs its logged-in users' identifiers with; blank: the site
 *     cannot identify users, every visitor is anonymous
 * @param chatPageUrl a page of the site that carries the widget; "continue in chat" links point
 *     there. Blank: emails carry no such link.
 */
public record SiteConfig(String id, Set<String> origins, String secret, String chatPageUrl) {

  public SiteConfig {
    origins = Set.copyOf(origins);
  }

  static SiteConfig from(JsonObject j, int index) {
    String where = "webchat.sites[" + index + "]";
    String id = j.getString("id", "");
    if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(where + ".id: 1 to 64 letters, digits, '-' or '_'");
    }
    Set<String> origins = new LinkedHashSet<>();
    for (Object o : j.getJsonArray("origins", new JsonArray())) {
      String origin = String.valueOf(o).strip().toLowerCase(Locale.ROOT);
      if (!origin.matches("https?://[a-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new IllegalArgumentException(
            where + ".origins: '" + o + "' is not an origin like https://www.example.com");
      }
      origins.add(origin);
    }
    if (origins.isEmpty()) {
      throw new IllegalArgumentException(where + ".origins: name at least one origin");
    }
    return new SiteConfig(
        id, origins, j.getString("secret", ""), j.getString("chatPageUrl", "").strip());
  }

  public boolean allows(String origin) {
    return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
  }

  public boolean identifiesUsers() {
    return !secret.isBlank();
  }
}
