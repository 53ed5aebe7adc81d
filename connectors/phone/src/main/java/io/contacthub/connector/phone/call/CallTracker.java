package io.contacthub.connector.phone.call;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.Direction;
import io.contacthub.connector.phone.pop.AgentTargeting;
import io.contacthub.connector.phone.pop.ScreenPop;
import io.contacthub.connector.phone.pop.ScreenPops;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The call state machine every source feeds: ringing → answered → ended, or missed / abandoned.
 * Each call's events are applied one after another, each after the previous one is durable, so an
 * answer never overtakes its ring. Replays change nothing and pop nothing. Calls are remembered in
 * memory only, bounded in number and time; a call that is not remembered is rebuilt from the event
 * at hand.
 */
public final class CallTracker {

  /** What an event did. */
  public enum Outcome {
    /** A new call was recorded. */
    RECORDED,
    /** The call moved on. */
    UPDATED,
    /** Nothing new: a replay, or an event the call is already past. */
    REPLAYED,
    /** The call was not known (its ring was never seen): recorded from this event alone. */
    RECONSTRUCTED
  }

  private static final class Entry {
    private volatile Call call;
    private volatile boolean stored;
    private volatile boolean dirty;
    private volatile ScreenPop pop;
    private Future<?> chain = Future.succeededFuture();
    private Instant touched;
  }

  private final ConnectorContext ctx;
  private final CallInteractions interactions;
  private final ScreenPops pops;
  private final AgentTargeting targeting;
  private final Clock clock;
  private final int maxCalls;
  private final Duration endedMemory;
  private final Duration activeMemory;
  private final LinkedHashMap<String, Entry> calls = new LinkedHashMap<>(256, 0.75f, true);

  public CallTracker(
      ConnectorContext ctx,
      CallInteractions interactions,
      ScreenPops pops,
      AgentTargeting targeting,
      Clock clock,
      int maxCalls,
      Duration endedMemory,
      Duration activeMemory) {
    this.ctx = ctx;
    this.interactions = interactions;
    this.pops = pops;
    this.targeting = targeting;
    this.clock = clock;
    this.maxCalls = maxCalls;
    this.endedMemory = endedMemory;
    this.activeMemory = activeMemory;
  }

  /** Applies an event; completes once the call's new state is durable. */
  public Future<Outcome> handle(CallEvent e) {
    return queue(e.callId(), null, false, entry -> step(entry, e));
  }

  /**
   * Changes a call outside its events: an agent's note or disposition, a recording. {@code stored}
   * is the call as the hub has it ({@code extras.call}), used when this connector no longer
   * remembers the call; null when the caller has none.
   */
  public Future<Call> annotate(String callId, JsonObject stored, UnaryOperator<Call> change) {
    return queue(
        callId,
        stored,
        true,
        entry -> {
          if (entry.call == null) {
            return Future.failedFuture(new UnknownCallException(callId));
          }
          entry.call = change.apply(entry.call);
          return persist(entry, clock.instant()).map(v -> entry.call);
        });
  }

  /** The call as last applied, or null. */
  public synchronized Call current(String callId) {
    Entry e = calls.get(callId);
    return e == null ? null : e.call;
  }

  public synchronized int size() {
    return calls.size();
  }

  private <T> Future<T> queue(
      String callId, JsonObject stored, boolean mustExist, Function<Entry, Future<T>> work) {
    Entry entry;
    Future<?> previous;
    Promise<T> done = Promise.promise();
    synchronized (this) {
      Instant now = clock.instant();
      forgetOld(now);
      entry = calls.get(callId);
      if (entry == null) {
        if (stored == null && mustExist) {
          return Future.failedFuture(new UnknownCallException(callId));
        }
        entry = new Entry();
        if (stored != null) {
          entry.call = Call.fromJson(callId, stored);
          entry.stored = true;
        }
        calls.put(callId, entry);
        if (calls.size() > maxCalls) {
          Iterator<Entry> eldest = calls.values().iterator();
          eldest.next();
          eldest.remove();
        }
      }
      entry.touched = now;
      previous = entry.chain;
      entry.chain = done.future();
    }
    // Outside the lock: the work calls into the hub.
    Entry e = entry;
    previous.onComplete(
        ignored -> {
          try {
            work.apply(e).onComplete(done);
          } catch (RuntimeException ex) {
            done.fail(ex);
          }
        });
    return done.future();
  }

  private Future<Outcome> step(Entry entry, CallEvent e) {
    return switch (e.type()) {
      case RING -> ring(entry, e);
      case ANSWER ->
          targeting.answeredBy(e.answeringNumber(), e.agents()).compose(by -> answer(entry, e, by));
      case HANGUP ->
          (entry.call == null
                  ? targeting.answeredBy(e.answeringNumber(), e.agents())
                  : Future.<String>succeededFuture(null))
              .compose(by -> hangup(entry, e, by));
    };
  }

  private Future<Outcome> ring(Entry entry, CallEvent e) {
    Call c = entry.call;
    if (c == null) {
      Call first = Call.first(e, null);
      entry.call = first;
      if (first.direction() == Direction.INBOUND) {
        // The pop does not wait for the durable write: it is what the agent waits for.
        entry.pop = pops.open(first, e);
      }
      return persist(entry, e.at()).map(Outcome.RECORDED);
    }
    if (c.state() == CallState.RINGING) {
      if (entry.pop != null) {
        pops.extend(entry.pop, e);
      }
      Call next = c.withRingInfo(e);
      if (!next.equals(c)) {
        entry.call = next;
        return persist(entry, e.at()).map(Outcome.UPDATED);
      }
    }
    return settle(entry);
  }

  private Future<Outcome> answer(Entry entry, CallEvent e, String by) {
    Call c = entry.call;
    if (c == null) {
      entry.call = Call.first(e, by);
      return persist(entry, e.at()).map(Outcome.RECONSTRUCTED);
    }
    if (c.state() != CallState.RINGING) {
      return settle(entry);
    }
    entry.call = c.answered(e.at(), by);
    if (entry.pop != null) {
      pops.answered(entry.pop, entry.call);
    }
    return persist(entry, e.at()).map(Outcome.UPDATED);
  }

  private Future<Outcome> hangup(Entry entry, CallEvent e, String by) {
    Call c = entry.call;
    if (c == null) {
      entry.call = Call.first(e, by);
      return persist(entry, e.at()).map(Outcome.RECONSTRUCTED);
    }
    if (c.state().isFinal()) {
      return settle(entry);
    }
    entry.call = c.hungUp(e.at(), e.cause());
    if (entry.pop != null) {
      pops.closed(entry.pop, entry.call);
    }
    return persist(entry, e.at()).map(Outcome.UPDATED);
  }

  /** A replay: nothing to apply, but a write that failed before is tried again. */
  private Future<Outcome> settle(Entry entry) {
    return entry.dirty
        ? persist(entry, clock.instant()).map(Outcome.REPLAYED)
        : Future.succeededFuture(Outcome.REPLAYED);
  }

  /**
   * Makes the stored interaction match the call: ingest while it is not stored, then updates with
   * the whole call. An ingest the hub already had (the connector restarted) is followed by an
   * update, unless this is only the ring, which must not roll a finished call back.
   */
  private Future<Void> persist(Entry entry, Instant at) {
    Call snapshot = entry.call;
    Future<Accepted> write =
        entry.stored
            ? ctx.update(interactions.update(snapshot, at))
            : ctx.ingest(interactions.interaction(snapshot))
                .compose(
                    a ->
                        a.duplicate() && snapshot.state() != CallState.RINGING
                            ? ctx.update(interactions.update(snapshot, at))
                            : Future.succeededFuture(a));
    return write
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                entry.stored = true;
              }
              entry.dirty = ar.failed();
            })
        .mapEmpty();
  }

  private void forgetOld(Instant now) {
    Iterator<Entry> it = calls.values().iterator();
    while (it.hasNext()) {
      Entry x = it.next();
      Duration idle = Duration.between(x.touched, now);
      if (idle.compareTo(endedMemory) < 0) {
        break; // access order: every later entry was touched more recently
      }
      boolean finished = x.call != null && x.call.state().isFinal();
      if (finished || idle.compareTo(activeMemory) >= 0) {
        it.remove();
      }
    }
  }
}
