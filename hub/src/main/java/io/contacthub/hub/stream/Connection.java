package io.contacthub.hub.stream;

import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.events.LiveFrame;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent's WebSocket. Used only on the event loop that accepted it, so it needs no locks.
 *
 * <p>A slow reader must not make the server buffer without bound: while the socket's write queue is
 * full, events for it are dropped and counted; once it drains, the client gets {@code
 * {"type":"lagged","dropped":n}} and should reload what it shows over the REST API.
 *
 * <p>A connection that resumes after a seq ({@code ?after=}) holds its live events back while the
 * log is replayed to it, then sends them, skipping those of the records the replay already sent.
 */
final class Connection {

  static final short CLOSE_HEARTBEAT = 1008;
  static final short CLOSE_GOING_AWAY = 1001;
  static final short CLOSE_REVOKED = 1008;

  /** Live events held during a replay at most; beyond, the client gets a stream.reset instead. */
  static final int MAX_HELD = 10_000;

  private final ServerWebSocket socket;
  private final Caller caller;
  private final Counter droppedEvents;
  private boolean lagging;
  private long dropped;
  private boolean awaitingPong;
  private StreamFilter filter;
  // Events of records up to this seq were replayed from the log: their live copies are skipped.
  private long replayedThrough = LiveFrame.NO_SEQ;
  private List<LiveFrame> held;
  private boolean heldOverflow;

  Connection(ServerWebSocket socket, Caller caller, Counter droppedEvents, StreamFilter filter) {
    this.socket = socket;
    this.caller = caller;
    this.droppedEvents = droppedEvents;
    this.filter = filter;
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

  /** From now until {@link #replayed} or {@link #reset}, live events are held back. */
  void holdLive() {
    held = new ArrayList<>();
  }

  /** A live event for this connection: held during a replay, skipped if the replay sent it. */
  void deliver(LiveFrame frame) {
    if (held != null) {
      if (held.size() < MAX_HELD) {
        held.add(frame);
      } else {
        heldOverflow = true;
      }
    } else if (frame.seq() == LiveFrame.NO_SEQ || frame.seq() > replayedThrough) {
      send(frame.encoded());
    }
  }

  /**
   * The replay is done: sends its events, then the held live events of later records, and goes
   * live.
   *
   * @param through the last record the replay read; events of records up to it are not sent again
   */
  void replayed(List<LiveFrame> frames, long through) {
    if (heldOverflow) {
      reset("more than " + MAX_HELD + " live events arrived during the replay");
      return;
    }
    frames.forEach(f -> send(f.encoded()));
    replayedThrough = through;
    List<LiveFrame> live = held;
    held = null;
    live.forEach(this::deliver);
  }

  /**
   * Tells the client that it cannot be caught up and must reload what it shows; the held events are
   * dropped (the reload comes after them) and live events follow.
   */
  void reset(String detail) {
    held = null;
    heldOverflow = false;
    reply(new JsonObject().put("type", "stream.reset").put("detail", detail));
  }

  /**
   * Sends an encoded frame (UTF-8 JSON, shared with other connections, never changed), or drops it
   * while the client is not reading fast enough.
   */
  private void send(byte[] frame) {
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

  /** The user was disabled or its token revoked: it must log in again. */
  void revoked() {
    socket.close(CLOSE_REVOKED, "access revoked; log in again");
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
