package io.contacthub.hub.routing.engine;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.agents.WrapUp;
import io.contacthub.hub.routing.metrics.Outcome;
import io.contacthub.hub.routing.queues.QueueDefinition;
import io.contacthub.hub.routing.queues.QueueRules;
import io.contacthub.hub.routing.work.ItemState;
import io.contacthub.hub.routing.work.WorkItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Phone calls in routing. The phone system rings the agents (the screen-pop follows its choice), so
 * routing does not offer calls; it follows each inbound call from its {@code extras.call} snapshots
 * to count it in its queue: waiting while it rings, answered by whom and after how long, abandoned,
 * and the handle time (talk plus the wrap-up taken) once the agent's wrap-up ends.
 */
final class CallTracking {

  private final RoutingEngine engine;
  private final RoutingState state;
  private final QueueRules rules;
  private final Duration wrapUp;
  private final Notices notices;

  CallTracking(
      RoutingEngine engine,
      RoutingState state,
      QueueRules rules,
      Duration wrapUp,
      Notices notices) {
    this.engine = engine;
    this.state = state;
    this.rules = rules;
    this.wrapUp = wrapUp;
    this.notices = notices;
  }

  void changed(CallView call, Instant now) {
    if (!call.inbound()) {
      return;
    }
    String id = "call:" + call.interactionId();
    WorkItem w = state.item(id).orElse(null);
    if (w == null) {
      if (call.isFinal()) {
        return; // history (a call-log import, or a call that ended while the hub was down)
      }
      QueueDefinition q =
          rules.byName(call.queueHint()).orElseGet(() -> rules.place(Channel.PHONE, null, null));
      Instant started = call.startedAt() == null ? now : call.startedAt();
      w =
          new WorkItem(
              id,
              call.conversationId(),
              call.customerId(),
              Channel.PHONE,
              true,
              q.name(),
              started,
              null,
              null);
      state.put(w);
    }
    if (call.wasAnswered() && w.state() == ItemState.WAITING) {
      answered(w, call, now);
    }
    if (call.isFinal()) {
      ended(w, call, now);
    }
  }

  private void answered(WorkItem w, CallView call, Instant now) {
    Instant at = call.answeredAt() == null ? now : call.answeredAt();
    state.change(w, x -> x.answeredBy(call.answeredBy(), at));
    state.addOutcome(
        new Outcome(
            Outcome.Kind.ANSWERED,
            w.queue(),
            w.channel(),
            at,
            Duration.between(w.enqueuedAt(), at)));
    if (call.answeredBy() != null) {
      state.rememberLastAgent(w.conversationId(), call.answeredBy());
      state.agent(call.answeredBy()).ifPresent(a -> state.putAgent(a.idleFrom(at)));
    }
  }

  private void ended(WorkItem w, CallView call, Instant now) {
    Instant end = call.endedAt() == null ? now : call.endedAt();
    if (w.state() != ItemState.ASSIGNED) {
      state.addOutcome(
          new Outcome(
              Outcome.Kind.ABANDONED,
              w.queue(),
              w.channel(),
              end,
              Duration.between(w.enqueuedAt(), end)));
      state.change(w, WorkItem::close);
      return;
    }
    Duration talk = Duration.between(w.answeredAt(), end);
    state.change(w, WorkItem::close);
    Agent agent = w.agent() == null ? null : state.agent(w.agent()).orElse(null);
    if (agent == null || wrapUp.isZero() || agent.presence() != Presence.AVAILABLE) {
      state.addOutcome(new Outcome(Outcome.Kind.HANDLED, w.queue(), w.channel(), now, talk));
      if (agent != null) {
        engine.dispatchTo(agent.login());
      }
      return;
    }
    Agent wrapping =
        agent.inWrapUp(new WrapUp(w.queue(), w.channel(), talk.toMillis(), now, now.plus(wrapUp)));
    state.putAgent(wrapping);
    notices.presence(wrapping);
  }

  /** Ends the wrap-ups of {@code logins} whose time is up: the agents are available again. */
  void endWrapUps(List<String> logins, Instant now) {
    for (String login : logins) {
      Agent a = state.agent(login).orElse(null);
      if (a != null
          && a.presence() == Presence.WRAP_UP
          && a.wrapUp() != null
          && !now.isBefore(a.wrapUp().until())) {
        Agent next = endWrapUp(a, now).withPresence(Presence.AVAILABLE, now);
        state.putAgent(next);
        notices.presence(next);
        engine.dispatchTo(next.login());
      }
    }
  }

  /**
   * Records the call's handle time (talk + wrap-up taken until {@code now}); the caller sets the
   * next presence.
   */
  Agent endWrapUp(Agent a, Instant now) {
    WrapUp w = a.wrapUp();
    if (w == null) {
      return a;
    }
    Duration handle = Duration.ofMillis(w.talkMillis()).plus(Duration.between(w.startedAt(), now));
    state.addOutcome(new Outcome(Outcome.Kind.HANDLED, w.queue(), w.channel(), now, handle));
    return a;
  }
}
