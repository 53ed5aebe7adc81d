package io.contacthub.connector.webchat.session;

import io.contacthub.connector.Problems;
import io.contacthub.connector.webchat.SiteConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /channels/webchat/socket?site={id}}: the widget's WebSocket. The upgrade is refused
 * (with a problem body) for an unknown site, an origin the site does not list, or an IP address
 * over its rate; a browser always sends Origin on a WebSocket upgrade, so a page elsewhere cannot
 * borrow a visitor's token.
 */
public final class SocketEndpoint {

  public static final String PATH = "/socket";
  private static final Logger LOG = LoggerFactory.getLogger(SocketEndpoint.class);

  private final ChatServices services;

  public SocketEndpoint(ChatServices services) {
    this.services = services;
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::upgrade).failureHandler(rc -> Problems.failure(rc, LOG));
  }

  private void upgrade(RoutingContext rc) {
    Optional<SiteConfig> site = services.config().site(rc.request().getParam("site"));
    if (site.isEmpty()) {
      Problems.send(rc, 404, "site: no web chat site with this id");
      return;
    }
    String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
    if (!site.get().allows(origin)) {
      Problems.send(rc, 403, "Origin: this site's chat is not served to " + origin);
      return;
    }
    String ip = rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().host();
    if (!services.perIp().tryAcquire(ip)) {
      rc.response().putHeader("Retry-After", "60");
      Problems.send(rc, 429, "too many connections from this address; wait a minute");
      return;
    }
    if (!"websocket".equalsIgnoreCase(rc.request().getHeader(HttpHeaders.UPGRADE))) {
      Problems.send(rc, 400, "this endpoint speaks WebSocket only");
      return;
    }
    rc.request()
        .toWebSocket()
        .onSuccess(
            ws ->
                new ChatSocket(ws, rc.vertx().getOrCreateContext(), site.get(), ip, services)
                    .start())
        .onFailure(e -> LOG.debug("web chat upgrade failed: {}", e.getMessage()));
  }
}
