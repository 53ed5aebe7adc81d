package io.contacthub.hub.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Hands a {@link LiveFrame} to the event bus's local consumers as the same object: no copy per
 * consumer, and the frame's encoding is shared. Live events never leave the process.
 */
final class LiveFrameCodec implements MessageCodec<LiveFrame, LiveFrame> {

  @Override
  public void encodeToWire(Buffer buffer, LiveFrame frame) {
    throw new UnsupportedOperationException("live frames are delivered in-process only");
  }

  @Override
  public LiveFrame decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("live frames are delivered in-process only");
  }

  @Override
  public LiveFrame transform(LiveFrame frame) {
    return frame;
  }

  @Override
  public String name() {
    return "hub.live-frame";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
