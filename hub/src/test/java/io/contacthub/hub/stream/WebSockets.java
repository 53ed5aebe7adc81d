package io.contacthub.hub.stream;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Test clients' WebSocket connects that cannot miss the server's first frame. Callers keep the
 * {@link WebSocketClient} referenced for as long as they use its sockets: Vert.x closes a client
 * once it is unreachable, and its sockets with it.
 */
public final class WebSockets {

  private WebSockets() {}

  /**
   * Connects and runs {@code beforeFirstFrame} (set the message handlers there) before the socket
   * reads anything. Connecting from a test thread and adding handlers to the returned future races
   * with the event loop: a future completed meanwhile runs them on the test thread, after the event
   * loop may already have dropped a frame (the stream's {@code hello}) that had no handler. Started
   * on a Vert.x context, the callbacks run on the event loop as the handshake completes.
   */
  public static Future<WebSocket> connect(
      Vertx vertx,
      WebSocketClient client,
      WebSocketConnectOptions options,
      Handler<WebSocket> beforeFirstFrame) {
    Promise<WebSocket> connected = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v ->
                client
                    .connect(options)
                    .onSuccess(beforeFirstFrame)
                    .onComplete(
                        done -> {
                          // Vert.x closes a client that became unreachable (a Cleaner), which
                          // mid-handshake fails it with "connection closed while handshake in
                          // process": keep it reachable until the handshake is over.
                          java.lang.ref.Reference.reachabilityFence(client);
                          connected.handle(done);
                        }));
    return connected.future();
  }
}
