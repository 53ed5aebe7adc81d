package io.contacthub.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Every agent's live stream, held open; records, per call, when its {@code screen_pop} frame
 * arrived and at whom, and the same per conversation for routing's {@code assignment.offered}.
 * Agents set their {@code stream.filter} as the agent desktop does ({@link #filter}).
 */
final class AgentStreams {

  /** A pop as it arrived: the receiving agent and {@link System#nanoTime()} at arrival. */
  record Pop(String login, long arrivedNanos) {}

  private final Map<String, Pop> pops = new ConcurrentHashMap<>();
  private final Map<String, Pop> offers = new ConcurrentHashMap<>();
  private final AtomicInteger repeatedOffers = new AtomicInteger();
  private volatile BiConsumer<String, String> onOffer = (login, conversationId) -> {};
  private final AtomicInteger frames = new AtomicInteger();
  private final Map<String, AtomicInteger> byType = new ConcurrentHashMap<>();
  private final Map<String, WebSocket> sockets = new ConcurrentHashMap<>();
  // Held while their sockets are used: Vert.x closes the sockets of a client it finds unreachable.
  private final List<WebSocketClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile CountDownLatch filterEchoes = new CountDownLatch(0);

  /** Connects every agent and waits for each stream's hello frame. */
  void connect(Vertx vertx, int port, Map<String, String> tokens) throws InterruptedException {
    WebSocketClient ws =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(tokens.size()));
    clients.add(ws);
    CountDownLatch hello = new CountDownLatch(tokens.size());
    List<Future<WebSocket>> connecting = new ArrayList<>();
    tokens.forEach(
        (login, token) ->
            connecting.add(
                ws.connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(port)
                            .setURI("/api/v1/stream?access_token=" + token))
                    // On connect, on the socket's loop: the hello cannot slip past the handler.
                    .onSuccess(
                        socket -> {
                          sockets.put(login, socket);
                          socket.textMessageHandler(text -> frame(login, text, hello));
                        })));
    Await.result(Future.all(connecting));
    if (!hello.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException(hello.getCount() + " streams sent no hello");
    }
  }

  private void frame(String login, String text, CountDownLatch hello) {
    long now = System.nanoTime();
    frames.incrementAndGet();
    JsonObject frame = new JsonObject(text);
    byType.computeIfAbsent(frame.getString("type", ""), t -> new AtomicInteger()).incrementAndGet();
    switch (frame.getString("type", "")) {
      case "hello" -> hello.countDown();
      case "stream.filter" -> filterEchoes.countDown();
      case "screen_pop" ->
          pops.putIfAbsent(frame.getJsonObject("payload").getString("callId"), new Pop(login, now));
      case "assignment.offered" -> {
        String conversationId = frame.getJsonObject("payload").getString("conversationId");
        if (offers.putIfAbsent(conversationId, new Pop(login, now)) != null) {
          repeatedOffers.incrementAndGet();
        }
        onOffer.accept(login, conversationId);
      }
      default -> {}
    }
  }

  /**
   * Sends {@code {"type":"stream.filter","conversations":mode,"watch":[]}} on these agents' streams
   * and waits for every echo.
   */
  void filter(List<String> logins, String mode) throws InterruptedException {
    CountDownLatch echoes = new CountDownLatch(logins.size());
    filterEchoes = echoes;
    String frame =
        new JsonObject()
            .put("type", "stream.filter")
            .put("conversations", mode)
            .put("watch", new io.vertx.core.json.JsonArray())
            .encode();
    logins.forEach(login -> sockets.get(login).writeTextMessage(frame));
    if (!echoes.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException(echoes.getCount() + " streams did not echo the filter");
    }
  }

  Pop pop(String callId) {
    return pops.get(callId);
  }

  /** Called on the socket's event loop with (login, conversationId) for every offer frame. */
  void onOffer(BiConsumer<String, String> handler) {
    this.onOffer = handler;
  }

  /** The first offer of a conversation, or null. */
  Pop offer(String conversationId) {
    return offers.get(conversationId);
  }

  /** Offer frames for a conversation after its first (a revoked offer made again, say). */
  int repeatedOffers() {
    return repeatedOffers.get();
  }

  /** Frames received so far, by type. */
  Map<String, Integer> framesByType() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    byType.forEach((t, n) -> out.put(t, n.get()));
    return out;
  }

  int frames() {
    return frames.get();
  }
}
