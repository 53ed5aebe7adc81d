package io.contacthub.hub.stream;

import io.contacthub.hub.auth.Caller;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One agent's WebSocket. Used only on the event loop that accepted it, so it needs no locks.
 *
 * <p>A slow reader must not make the server buffer without bound: while the socket's write queue is
 * full, events for it are dropped and counted; once it drains, the client gets {@code
 * {"type":"lagged","dropped":n}} and should reload what it shows over the REST API.
 */
final class Connection {

  static final short CLOSE_HEARTBEAT = 1008;
  static final short CLOSE_GOING_AWAY = 1001;

  private final ServerWebSocket socket;
  private final Caller caller;
  private final Counter droppedEvents;
  private boolean lagging;
  private long dropped;
  private boolean awaitingPong;
  private StreamFilter filter = StreamFilter.ALL;

  Connection(ServerWebSocket socket, Caller caller, Counter droppedEvents) {
    this.socket = socket;
    this.caller = caller;
    this.droppedEvents = droppedEvents;
    socket.pongHandler(pong -> awaitingPong = false);
    // The server is stopping (undeploy): close at once instead of at the end of its grace period.
    // Vert.x 5.0 then sends close code 1000, as the connection is already shutting down.
    socket.shutdownHandler(v -> socket.close(CLOSE_GOING_AWAY, "server shutting down"));
  }

  Caller caller() {
    return caller;
  }

  ServerWebSocket socket() {
    return socket;
  }

  StreamFilter filter() {
    return filter;
  }

  void filter(StreamFilter f) {
    this.filter = f;
  }

  /** Answers the client directly (filter echo, error), outside the event flow. */
  void reply(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  /**
   * Sends an encoded frame (UTF-8 JSON, shared with other connections, never changed), or drops it
   * while the client is not reading fast enough.
   */
  void send(byte[] frame) {
    if (lagging) {
      dropped++;
      droppedEvents.increment();
    } else if (socket.writeQueueFull()) {
      lagging = true;
      dropped = 1;
      droppedEvents.increment();
      socket.drainHandler(v -> caughtUp());
    } else {
      TextFrames.write(socket, frame);
    }
  }

  private void caughtUp() {
    socket.drainHandler(null);
    lagging = false;
    socket.writeTextMessage(
        new JsonObject().put("type", "lagged").put("dropped", dropped).encode());
    dropped = 0;
  }

  /**
   * Pings the client; closes the connection instead when it did not answer the previous ping (a
   * vanished client, or one so stuck that it reads nothing).
   */
  void heartbeat() {
    if (awaitingPong) {
      socket.close(CLOSE_HEARTBEAT, "heartbeat timeout");
      return;
    }
    awaitingPong = true;
    socket.writePing(Buffer.buffer());
  }
}
