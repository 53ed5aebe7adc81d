package io.contacthub.hub.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of the live stream: collects the JSON frames it receives, in order. */
final class StreamClient {

  private static final long WAIT_SECONDS = 10;

  /** Held for the socket's lifetime: Vert.x closes an unreachable client and its sockets. */
  private final WebSocketClient client;

  final WebSocket socket;
  final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<Short> closeStatus = new CompletableFuture<>();

  private StreamClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.closeHandler(v -> closeStatus.complete(socket.closeStatusCode()));
  }

  /** Connects; {@code bearer} goes into the Authorization header when not null. */
  static Future<StreamClient> connect(Vertx vertx, int port, String uri, String bearer) {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxMessageSize(1 << 20).setMaxFrameSize(1 << 20));
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(uri);
    if (bearer != null) {
      options.addHeader("Authorization", "Bearer " + bearer);
    }
    Promise<StreamClient> made = Promise.promise();
    WebSockets.connect(
            vertx, client, options, socket -> made.complete(new StreamClient(client, socket)))
        .onFailure(made::tryFail);
    return made.future();
  }

  /** The next frame; fails the test when none arrives in time. */
  JsonObject next() throws InterruptedException {
    JsonObject frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(frame).as("a frame within %d s", WAIT_SECONDS).isNotNull();
    return frame;
  }

  /** The next frame of this type, skipping others; fails the test when none arrives in time. */
  JsonObject nextOfType(String type) throws InterruptedException {
    JsonObject frame = next();
    while (!type.equals(frame.getString("type"))) {
      frame = next();
    }
    return frame;
  }

  short awaitClose() throws Exception {
    return closeStatus.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
