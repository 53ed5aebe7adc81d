package io.contacthub.hub.ui;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A customer's web site on its own origin (another port), whose page embeds the chat widget from
 * the hub with one script tag. Its CSS tries hard to restyle everything, to show the widget's
 * shadow root keeps it out.
 */
final class WidgetPage implements AutoCloseable {

  private final Vertx vertx;
  private final HttpServer server;

  private WidgetPage(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  static WidgetPage serve(int port, int hubPort, String site, String scriptAttributes) {
    return serve(port, hubPort, site, path -> scriptAttributes);
  }

  /** A site whose pages differ in the script tag's attributes (e.g. a logged-in user's page). */
  static WidgetPage serve(
      int port,
      int hubPort,
      String site,
      java.util.function.Function<String, String> scriptAttributesForPath) {
    Vertx vertx = Vertx.vertx();
    java.util.function.Function<String, String> html =
        scriptAttributes ->
            "<!doctype html><html lang=en><head><meta charset=utf-8>"
                + "<meta name=viewport content='width=device-width, initial-scale=1'>"
                + "<title>Shop help</title><style>* { color: #f0f !important; font-size: 40px"
                + " !important; } button { display: none !important; }</style></head><body>"
                + "<h1>Shop help</h1><script async src='http://127.0.0.1:"
                + hubPort
                + "/widget.js' data-site='"
                + site
                + "' "
                + scriptAttributes
                + "></script></body></html>";
    HttpServer server =
        HubFixture.await(
            vertx
                .createHttpServer()
                .requestHandler(
                    r ->
                        r.response()
                            .putHeader("content-type", "text/html")
                            .end(html.apply(scriptAttributesForPath.apply(r.path()))))
                .listen(port, "127.0.0.1"));
    return new WidgetPage(vertx, server);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    HubFixture.await(server.close());
    HubFixture.await(vertx.close());
  }
}
