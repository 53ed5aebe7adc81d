package io.contacthub.hub.ui;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the browser apps built into the agent-ui jar ({@value #WEB_ROOT} on the class path): the
 * agent desktop at {@code /}, the supervisor wall at {@code /supervisor}, and {@code index.html}
 * for any other client-side route a browser asks for. Hashed assets are cached for a year; {@code
 * index.html} never, so a new build shows up at the next load.
 *
 * <p>Mount after the API and the channel routes' prefixes are known: the fallback only answers GET
 * requests that accept HTML and are outside {@link #NOT_THE_APP}, so API clients keep getting their
 * own 404s.
 */
public final class AgentUiRoutes {

  static final String WEB_ROOT = "META-INF/agent-ui";

  /**
   * The app loads only its own code. Two relaxations, both for showing email: inline styles (mail
   * HTML is styled inline, and a srcdoc frame inherits this policy) and https images (remote images
   * stay disarmed in the sanitized HTML until an agent clicks to show them).
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: https:; "
          + "style-src 'self' 'unsafe-inline'; frame-src 'self'; object-src 'none'; "
          + "base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

  /** Paths that belong to the hub's other routes, never to the app. */
  static final List<String> NOT_THE_APP =
      List.of("/api", "/channels", "/health", "/metrics", "/widget.js");

  private static final Logger LOG = LoggerFactory.getLogger(AgentUiRoutes.class);
  private static final String INDEX = WEB_ROOT + "/index.html";
  private static final String FAVICON = WEB_ROOT + "/favicon.svg";
  private static final String WIDGET = WEB_ROOT + "/widget.js";

  /** Not content-hashed (its URL is in customers' pages), so caches keep it briefly. */
  private static final int WIDGET_MAX_AGE_SECONDS = 300;

  private static final int YEAR_SECONDS = 365 * 24 * 3600;
  private static final String NOT_BUILT =
      "<!doctype html><title>Contact Hub</title><p>The agent UI is not part of this build.";

  private final Future<Buffer> index;
  private final Future<Buffer> favicon;
  private final Future<Buffer> widget;

  private AgentUiRoutes(Future<Buffer> index, Future<Buffer> favicon, Future<Buffer> widget) {
    this.index = index;
    this.favicon = favicon;
    this.widget = widget;
  }

  public static void mount(Vertx vertx, Router router) {
    AgentUiRoutes ui =
        new AgentUiRoutes(
            vertx.executeBlocking(() -> read(INDEX)),
            vertx.executeBlocking(() -> read(FAVICON)),
            vertx.executeBlocking(() -> read(WIDGET)));
    // A prefix route hands the static handler the path below the prefix.
    StaticHandler assets =
        StaticHandler.create(WEB_ROOT + "/assets")
            .setCachingEnabled(true)
            .setMaxAgeSeconds(YEAR_SECONDS)
            .setDirectoryListing(false);
    // Vite names every file under /assets by its content hash: a changed file is a new URL.
    router.get("/assets/*").handler(AgentUiRoutes::secure).handler(assets);
    router.get("/favicon.svg").handler(ui::serveFavicon);
    router.get("/widget.js").handler(ui::serveWidget);
    router.get("/").handler(ui::serveIndex);
    router.get("/supervisor").handler(ui::serveIndex);
    router.get().handler(ui::clientRoute);
  }

  /** Any other page a browser navigates to is a client-side route of the app. */
  private void clientRoute(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    if (accept == null || !accept.contains("text/html") || isNotTheApp(path)) {
      ctx.next();
      return;
    }
    serveIndex(ctx);
  }

  static boolean isNotTheApp(String path) {
    for (String prefix : NOT_THE_APP) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private void serveIndex(RoutingContext ctx) {
    index.onComplete(
        (html, failure) -> {
          secureHeaders(ctx.response().headers());
          ctx.response()
              .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
              .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
          if (html == null) {
            ctx.response().setStatusCode(503).end(NOT_BUILT);
          } else {
            ctx.response().end(html);
          }
        });
  }

  private void serveFavicon(RoutingContext ctx) {
    favicon.onComplete(
        (svg, failure) -> {
          if (svg == null) {
            ctx.next();
            return;
          }
          secureHeaders(ctx.response().headers());
          ctx.response()
              .putHeader(HttpHeaders.CONTENT_TYPE, "image/svg+xml")
              .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
              .end(svg);
        });
  }

  /**
   * The chat widget, loaded by a script tag on customers' sites (another origin): it must be
   * embeddable there, so no frame or policy headers of the desktop apply to it.
   */
  private void serveWidget(RoutingContext ctx) {
    widget.onComplete(
        (js, failure) -> {
          if (js == null) {
            ctx.next();
            return;
          }
          ctx.response()
              .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
              .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + WIDGET_MAX_AGE_SECONDS)
              .putHeader("X-Content-Type-Options", "nosniff")
              .putHeader("Cross-Origin-Resource-Policy", "cross-origin")
              .end(js);
        });
  }

  private static void secure(RoutingContext ctx) {
    secureHeaders(ctx.response().headers());
    ctx.next();
  }

  static void secureHeaders(MultiMap headers) {
    headers
        .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "SAMEORIGIN");
  }

  /** A small file of the build, or null when the UI is not on the class path. */
  private static Buffer read(String resource) throws IOException {
    try (InputStream in = AgentUiRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        LOG.warn("{} is not on the class path: the agent UI was not built", resource);
        return null;
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }
}
