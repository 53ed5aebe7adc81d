package io.contacthub.hub.e2e;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A live-stream connection for one user that keeps every frame, with when it arrived. */
final class StreamRecorder implements AutoCloseable {

  /** A frame and its arrival time (System.nanoTime). */
  record Frame(JsonObject json, long nanos) {
    String type() {
      return json.getString("type");
    }

    JsonObject payload() {
      return json.getJsonObject("payload");
    }
  }

  private final WebSocketClient client;
  private final WebSocket socket;
  final List<Frame> frames = new CopyOnWriteArrayList<>();

  StreamRecorder(HubFixture hub, String token) throws Exception {
    this.client = hub.clientVertx().createWebSocketClient();
    CompletableFuture<Void> hello = new CompletableFuture<>();
    this.socket =
        hub.openStream(
            client,
            token,
            s ->
                s.textMessageHandler(
                    text -> {
                      Frame f = new Frame(new JsonObject(text), System.nanoTime());
                      frames.add(f);
                      if ("hello".equals(f.type())) {
                        hello.complete(null);
                      }
                    }));
    hello.get(10, TimeUnit.SECONDS);
  }

  /** Sends a frame to the hub (a stream filter, say). */
  void send(JsonObject frame) {
    HubFixture.await(socket.writeTextMessage(frame.encode()));
  }

  /** The first frame that matches, waiting up to 10 s for it; fails the test otherwise. */
  Frame await(java.util.function.Predicate<Frame> match) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (Frame f : frames) {
        if (match.test(f)) {
          return f;
        }
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    throw new AssertionError("no matching frame within 10 s; got " + frames);
  }

  List<Frame> ofType(String type) {
    return frames.stream().filter(f -> type.equals(f.type())).toList();
  }

  @Override
  public void close() {
    HubFixture.await(socket.close());
    HubFixture.await(client.close());
  }
}
