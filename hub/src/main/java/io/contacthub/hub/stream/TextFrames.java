package io.contacthub.hub.stream;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;

/**
 * Writes an already-encoded text message. Vert.x's public API builds text frames only from a
 * String, which it UTF-8-encodes again for every socket; an event going to many connections is
 * encoded once and each socket's frame wraps the same bytes (a wrapper per write, no copy).
 */
final class TextFrames {

  /** Larger messages go through writeTextMessage, which splits them into frames clients accept. */
  private static final int MAX_SINGLE_FRAME = 65_536;

  private TextFrames() {}

  static void write(ServerWebSocket socket, byte[] utf8) {
    if (utf8.length <= MAX_SINGLE_FRAME) {
      socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true));
    } else {
      socket.writeTextMessage(new String(utf8, StandardCharsets.UTF_8));
    }
  }
}
