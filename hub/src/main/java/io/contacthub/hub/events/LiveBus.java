package io.contacthub.hub.events;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Carries live events from the publishers to the stream's per-event-loop registries, one per Vert.x
 * instance. In place of the event bus, which for every event and subscriber queued a copy through a
 * consumer's pending queue, delivery contexts and metrics: that machinery cost more CPU than the
 * fan-out itself. A subscriber on the publisher's own context gets the frame at once; the others
 * get it as a task on their context, in publication order, unless they surely have no connection
 * for it (a task handed to another event loop costs a wake-up).
 */
public final class LiveBus implements Shareable {

  private static final String KEY = "hub.live-bus";

  /**
   * @param mayWant asked on the publisher's thread: false when the subscriber surely has no
   *     connection for the frame, which then costs it no task
   */
  private record Subscriber(
      Context context, Predicate<LiveFrame> mayWant, Consumer<LiveFrame> handler) {}

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicLong lastSeq = new AtomicLong(LiveFrame.NO_SEQ);

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
   * Delivers every frame published from now on that {@code mayWant} accepts to {@code handler} on
   * {@code context}.
   *
   * @return stops the delivery
   */
  public Runnable subscribe(
      Context context, Predicate<LiveFrame> mayWant, Consumer<LiveFrame> handler) {
    Subscriber s = new Subscriber(context, mayWant, handler);
    subscribers.add(s);
    return () -> subscribers.remove(s);
  }

  /**
   * The highest log seq of the events published so far ({@link LiveFrame#NO_SEQ} before the first):
   * a subscriber that reads it after subscribing gets every event of a later record.
   */
  public long lastSeq() {
    return lastSeq.get();
  }

  void publish(LiveFrame frame) {
    if (frame.seq() != LiveFrame.NO_SEQ) {
      lastSeq.accumulateAndGet(frame.seq(), Math::max);
    }
    Context here = Vertx.currentContext();
    for (Subscriber s : subscribers) {
      if (!s.mayWant().test(frame)) {
        continue;
      }
      if (s.context() == here) {
        s.handler().accept(frame);
      } else {
        s.context().runOnContext(v -> s.handler().accept(frame));
      }
    }
  }
}
