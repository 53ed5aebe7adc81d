package io.contacthub.connector.webchat;

import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.webchat.token.VisitorTokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * "Continue in chat" links for a visitor who left: the site's chat page with a short-lived signed
 * token in the fragment (never sent to the site's server, never in its logs), which the widget
 * hands back in its hello to reopen that conversation.
 */
final class ContinueLinks {

  static final String FRAGMENT_KEY = "contacthub-continue";

  private final ConnectorContext hub;
  private final WebchatConfig config;
  private final VisitorTokens tokens;

  ContinueLinks(ConnectorContext hub, WebchatConfig config, VisitorTokens tokens) {
    this.hub = hub;
    this.config = config;
    this.tokens = tokens;
  }

  /**
   * The link for this visitor's conversation, on the site they last chatted on; null when that site
   * has no chat page configured.
   */
  Future<String> link(String visitorId, String conversationId) {
    return hub.conversationItems(conversationId, -1, 200)
        .map(items -> siteOf(items, visitorId))
        .map(
            site -> {
              if (site == null || site.chatPageUrl().isBlank()) {
                return null;
              }
              String url = site.chatPageUrl();
              return url
                  + (url.contains("#") ? "&" : "#")
                  + FRAGMENT_KEY
                  + "="
                  + tokens.continueToken(site.id(), visitorId, conversationId);
            });
  }

  private SiteConfig siteOf(List<JsonObject> items, String visitorId) {
    for (int i = items.size() - 1; i >= 0; i--) {
      JsonObject extras = items.get(i).getJsonObject("extras", new JsonObject());
      if (visitorId.equals(extras.getString("visitorId"))) {
        return config.site(extras.getString("site")).orElse(null);
      }
    }
    return null;
  }
}
