package io.contacthub.hub.webchat;

import static org.awaitility.Awaitility.await;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A widget stand-in: a real WebSocket to the hub's chat endpoint that records every frame. */
final class ChatClient implements AutoCloseable {

  final List<JsonObject> frames;
  private final WebSocketClient client;
  private final WebSocket ws;
  volatile Short closeCode;

  private ChatClient(WebSocketClient client, WebSocket ws, List<JsonObject> frames) {
    this.client = client;
    this.ws = ws;
    this.frames = frames;
  }

  static ChatClient connect(Vertx vertx, int port, String site, String origin) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI("/channels/webchat/socket?site=" + site)
            .addHeader("Origin", origin);
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    WebSocket ws =
        HubFixture.await(
            client
                .connect(options)
                .onSuccess(s -> s.textMessageHandler(t -> frames.add(new JsonObject(t)))));
    ChatClient c = new ChatClient(client, ws, frames);
    ws.closeHandler(v -> c.closeCode = ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
    return c;
  }

  ChatClient send(JsonObject frame) {
    HubFixture.await(ws.writeTextMessage(frame.encode()));
    return this;
  }

  JsonObject hello(JsonObject extra) {
    send(new JsonObject().put("type", "hello").mergeIn(extra));
    return waitFor(
        f -> "welcome".equals(f.getString("type")) || "error".equals(f.getString("type")));
  }

  ChatClient message(String clientId, String text) {
    return send(
        new JsonObject().put("type", "message").put("clientId", clientId).put("text", text));
  }

  JsonObject waitFor(Predicate<JsonObject> p) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> frames.stream().filter(p).findFirst().orElse(null), f -> f != null);
  }

  List<JsonObject> messages() {
    return frames.stream().filter(f -> "message".equals(f.getString("type"))).toList();
  }

  /** Message frames for one text (replays included). */
  long count(String text) {
    return messages().stream().filter(m -> text.equals(m.getString("text"))).count();
  }

  boolean closed() {
    return closeCode != null;
  }

  @Override
  public void close() {
    ws.close();
    client.close();
  }
}
