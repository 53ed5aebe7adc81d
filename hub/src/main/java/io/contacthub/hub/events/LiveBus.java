package io.contacthub.hub.events;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Carries live events from the publishers to the stream's per-event-loop registries, one per Vert.x
 * instance. In place of the event bus, which for every event and subscriber queued a copy through a
 * consumer's pending queue, delivery contexts and metrics: that machinery cost more CPU than the
 * fan-out itself. A subscriber on the publisher's own context gets the frame at once; the others
 * get it as a task on their context, in publication order.
 */
public final class LiveBus implements Shareable {

  private static final String KEY = "hub.live-bus";

  private record Subscriber(Context context, Consumer<LiveFrame> handler) {}

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  private LiveBus() {}

  /** The bus of this Vert.x instance. */
  public static LiveBus of(Vertx vertx) {
    var map = vertx.sharedData().<String, LiveBus>getLocalMap(KEY);
    LiveBus bus = map.get(KEY);
    if (bus == null) {
      LiveBus created = new LiveBus();
      bus = map.putIfAbsent(KEY, created);
      if (bus == null) {
        bus = created;
      }
    }
    return bus;
  }

  /**
   * Delivers every frame published from now on to {@code handler} on {@code context}.
   *
   * @return stops the delivery
   */
  public Runnable subscribe(Context context, Consumer<LiveFrame> handler) {
    Subscriber s = new Subscriber(context, handler);
    subscribers.add(s);
    return () -> subscribers.remove(s);
  }

  void publish(LiveFrame frame) {
    Context here = Vertx.currentContext();
    for (Subscriber s : subscribers) {
      if (s.context() == here) {
        s.handler().accept(frame);
      } else {
        s.context().runOnContext(v -> s.handler().accept(frame));
      }
    }
  }
}
