package io.contacthub.hub;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * One HTTP server on the shared port; deployed once per event loop so both cores serve requests.
 * The router is built once and shared: route handlers run on the event loop that accepted the
 * connection.
 */
final class HttpServerVerticle extends VerticleBase {

  private final Router router;
  private final String host;
  private final int port;
  private HttpServer server;

  HttpServerVerticle(Router router, String host, int port) {
    this.router = router;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setCompressionSupported(true)
                .setMaxWebSocketFrameSize(65536));
    return server.requestHandler(router).listen();
  }

  int actualPort() {
    return server.actualPort();
  }
}
