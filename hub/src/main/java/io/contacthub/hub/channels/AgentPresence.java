package io.contacthub.hub.channels;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * Whether anyone could answer a chat now: some staff user holds a live-stream connection on this
 * node. A stand-in until routing owns agent presence (available, away, at capacity); the web chat
 * asks it to choose between the live chat and the offline form. It reads the stream's own
 * connection counters, so it needs no hook into the stream.
 */
public final class AgentPresence implements BooleanSupplier {

  private final MeterRegistry metrics;

  public AgentPresence(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  @Override
  public boolean getAsBoolean() {
    return count("hub.stream.connections.opened") > count("hub.stream.connections.closed");
  }

  /** Reads without registering: the stream registers these counters with their descriptions. */
  private double count(String name) {
    Counter c = metrics.find(name).counter();
    return c == null ? 0 : c.count();
  }
}
