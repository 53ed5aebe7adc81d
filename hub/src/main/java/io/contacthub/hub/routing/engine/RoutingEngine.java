package io.contacthub.hub.routing.engine;

import io.contacthub.connector.Channel;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.RoutingConfig;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.metrics.Outcome;
import io.contacthub.hub.routing.queues.QueueDefinition;
import io.contacthub.hub.routing.queues.QueueRules;
import io.contacthub.hub.routing.sla.SlaWatch;
import io.contacthub.hub.routing.work.ItemState;
import io.contacthub.hub.routing.work.WorkItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing decisions. Single-threaded and synchronous: every method reads the clock once,
 * changes {@link RoutingState} and returns; what changed is collected in the state for the journal
 * and the live stream. The service calls it on its one routing thread; tests call it directly with
 * a clock they move by hand.
 *
 * <p>Placement: a waiting conversation first waits up to {@code stickyWait} for its preferred agent
 * (the customer's account owner, else the conversation's last agent); after that, or when that
 * agent declined, it is offered to the longest-idle available agent with the queue's skill and room
 * on the channel. An offer not accepted in {@code offerTimeout} goes to the next agent, and the
 * agent who let it time out is set away (they are evidently not at the desk).
 */
public final class RoutingEngine {

  private final RoutingConfig config;
  private final RoutingState state;
  private final Clock clock;
  private final QueueRules rules;
  private final AgentPicker picker;
  private final Notices notices;
  private final SlaWatch sla;
  private final CallTracking calls;
  private final Timers timers;

  /**
   * Whether the next tick offers the whole backlog again. A contact is tried when it arrives or an
   * offer of it ends, and an agent who gets room or comes available is offered the backlog at once
   * ({@link #dispatchTo}); so a full pass is only needed where neither happened: over a state this
   * engine did not build, and after an offer ended (the agent who had it may have room for others).
   */
  private boolean backlogToOffer = true;

  public RoutingEngine(RoutingConfig config, RoutingState state, Clock clock) {
    this.config = config;
    this.state = state;
    this.clock = clock;
    this.rules = new QueueRules(config.queues());
    this.picker = new AgentPicker(state, config.capacity());
    this.notices = new Notices(state);
    this.sla = new SlaWatch(state, notices, config.slaWarningPercent());
    this.calls = new CallTracking(this, state, rules, config.wrapUp(), notices);
    this.timers = new Timers(state, sla);
  }

  /** What a new or reopened conversation brings to routing. */
  public record Arrival(
      String conversationId,
      String customerId,
      Channel channel,
      String language,
      String segment,
      String accountOwner) {}

  /** A new or reopened conversation: into its queue, then to an agent if one can take it. */
  public void conversationOpened(Arrival a) {
    if (state.openItemOf(a.conversationId()).isPresent()) {
      return;
    }
    Instant now = clock.instant();
    QueueDefinition q = rules.place(a.channel(), a.language(), a.segment());
    WorkItem w =
        new WorkItem(
            a.conversationId(),
            a.conversationId(),
            a.customerId(),
            a.channel(),
            false,
            q.name(),
            now,
            q.firstResponse() == null ? null : now.plus(q.firstResponse()),
            q.resolution() == null ? null : now.plus(q.resolution()));
    String preferred =
        a.accountOwner() != null ? a.accountOwner() : state.lastAgent(a.conversationId());
    if (preferred != null && !config.stickyWait().isZero()) {
      w.preferAgent(preferred, now.plus(config.stickyWait()));
    }
    state.put(w);
    place(w, now);
  }

  /** An agent's reply: the first one meets the first-response SLA. */
  public void responded(String conversationId) {
    state
        .openItemOf(conversationId)
        .filter(w -> w.firstResponseAt() == null)
        .ifPresent(w -> state.amend(w, x -> x.responded(clock.instant())));
  }

  /**
   * The conversation was resolved: an assigned one is handled (its handle time ends), a waiting one
   * was abandoned.
   */
  public void conversationResolved(String conversationId) {
    state.openItemOf(conversationId).ifPresent(w -> finish(w, clock.instant(), "resolved"));
  }

  public void callChanged(CallView call) {
    calls.changed(call, clock.instant());
  }

  public Agent setPresence(String login, Presence presence) {
    if (presence == Presence.WRAP_UP) {
      throw HubException.badRequest("wrap_up is set by the hub after a call, not by the agent");
    }
    Instant now = clock.instant();
    Agent a = state.agent(login).orElseGet(() -> Agent.offline(login, now));
    if (a.presence() == Presence.WRAP_UP) {
      a = calls.endWrapUp(a, now);
    }
    Agent next = a.withPresence(presence, now);
    state.putAgent(next);
    notices.presence(next);
    if (presence != Presence.AVAILABLE) {
      for (WorkItem w : new ArrayList<>(state.items())) {
        if (w.state() == ItemState.OFFERED && login.equals(w.agent())) {
          revokeOffer(w, "away");
        }
      }
    }
    dispatchTo(login);
    return next;
  }

  public Agent setProfile(String login, Set<String> skills, Map<Channel, Integer> capacity) {
    Instant now = clock.instant();
    Agent a = state.agent(login).orElseGet(() -> Agent.offline(login, now));
    Agent next = a.withProfile(skills, capacity);
    state.putAgent(next);
    dispatchTo(login);
    return next;
  }

  public WorkItem accept(String login, String conversationId) {
    WorkItem w = offeredTo(login, conversationId);
    Instant now = clock.instant();
    state.change(w, x -> x.accept(now));
    state.addOutcome(
        new Outcome(
            Outcome.Kind.ANSWERED,
            w.queue(),
            w.channel(),
            now,
            Duration.between(w.enqueuedAt(), now)));
    state.rememberLastAgent(conversationId, login);
    state.agent(login).ifPresent(a -> state.putAgent(a.idleFrom(now)));
    notices.toAgent(HubEvent.ASSIGNMENT_ACCEPTED, w, login, "accepted");
    return w;
  }

  public WorkItem decline(String login, String conversationId) {
    WorkItem w = offeredTo(login, conversationId);
    revokeOffer(w, "declined");
    return w;
  }

  /** Hands the conversation to {@code target} directly; it still has to accept. */
  public WorkItem transferToAgent(String conversationId, String target) {
    WorkItem w = open(conversationId);
    Agent to =
        state
            .agent(target)
            .orElseThrow(() -> HubException.notFound("no agent " + target + " in routing"));
    if (target.equals(w.agent())) {
      throw HubException.conflict("the conversation is already with " + target);
    }
    if (!picker.hasRoom(to, w.channel())) {
      throw HubException.conflict(
          target + " is not available or has no room on " + w.channel().wireName());
    }
    Instant now = clock.instant();
    String from = w.agent();
    leaveAgent(w, now, "transferred");
    state.change(
        w,
        x -> {
          x.requeue(w.queue(), now);
          x.offer(target, now.plus(config.offerTimeout()));
        });
    notices.toAgent(HubEvent.ASSIGNMENT_OFFERED, w, target, "transfer");
    if (from != null) {
      dispatchTo(from);
    }
    return w;
  }

  /** Puts the conversation back into {@code queue} as a new contact there. */
  public WorkItem transferToQueue(String conversationId, String queue) {
    WorkItem w = open(conversationId);
    QueueDefinition q =
        rules.byName(queue).orElseThrow(() -> HubException.notFound("no queue " + queue));
    Instant now = clock.instant();
    String from = w.agent();
    leaveAgent(w, now, "transferred");
    state.change(w, x -> x.requeue(q.name(), now));
    place(w, now);
    if (from != null) {
      dispatchTo(from);
    }
    return w;
  }

  /**
   * Announces every open offer to its agent again (reason {@code resent}); a desktop keys offers by
   * conversation, so one it already shows just stays.
   */
  public void repeatOpenOffers() {
    for (WorkItem w : state.items()) {
      if (w.state() == ItemState.OFFERED) {
        notices.toAgent(HubEvent.ASSIGNMENT_OFFERED, w, w.agent(), "resent");
      }
    }
  }

  /**
   * Runs the timers: offers that expired, wrap-ups that ended, SLAs, holds for a preferred agent
   * that ended, the window. Only what is due is visited, plus one pass over the backlog when {@link
   * #backlogToOffer}.
   */
  public void tick() {
    Instant now = clock.instant();
    List<WorkItem> due = timers.itemsDue(now);
    for (WorkItem w : due) {
      if (w.state() == ItemState.OFFERED && !now.isBefore(w.offerExpiresAt())) {
        expireOffer(w, now);
      }
    }
    calls.endWrapUps(timers.wrapUpsDue(now), now);
    for (WorkItem w : due) {
      sla.check(w, now);
    }
    if (backlogToOffer) {
      dispatch();
    } else {
      placeHoldsEnded(due, now);
    }
    for (WorkItem w : due) {
      timers.looked(w, now);
    }
    state.forgetOutcomesBefore(now.minus(config.statsWindow()));
  }

  /** The next tick offers every waiting contact again: for a state this engine did not build. */
  public void reconsiderBacklog() {
    backlogToOffer = true;
  }

  /** An offer not accepted in time goes to the next agent; its agent is evidently not there. */
  private void expireOffer(WorkItem w, Instant now) {
    String login = w.agent();
    revokeOffer(w, "timeout");
    state
        .agent(login)
        .filter(a -> a.presence() == Presence.AVAILABLE)
        .ifPresent(
            a -> {
              Agent away = a.withPresence(Presence.AWAY, now);
              state.putAgent(away);
              notices.presence(away);
            });
  }

  /**
   * Offers the due contacts whose hold for their preferred agent has ended to anyone, oldest first,
   * as a pass over the backlog would: nothing else in the backlog changed.
   */
  private void placeHoldsEnded(List<WorkItem> due, Instant now) {
    List<WorkItem> released = new ArrayList<>();
    for (WorkItem w : due) {
      if (Timers.holdsForPreferred(w) && !now.isBefore(w.stickyUntil())) {
        released.add(w);
      }
    }
    released.sort(RoutingState.ARRIVAL);
    Set<String> nobodyFree = new HashSet<>();
    for (WorkItem w : released) {
      place(w, now, nobodyFree);
    }
  }

  /**
   * Offers waiting conversations, oldest first, to whoever can take them now. A queue and channel
   * for which nobody had room is not searched again in the same pass, so a long backlog costs one
   * agent scan per queue and channel, not one per conversation.
   */
  public void dispatch() {
    backlogToOffer = false;
    if (state.waiting().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Set<String> nobodyFree = new HashSet<>();
    for (WorkItem w : new ArrayList<>(state.waiting())) {
      place(w, now, nobodyFree);
    }
  }

  /**
   * Offers waiting conversations, oldest first, to one agent who just got room (went available,
   * finished a contact). Any other agent with room and the skill would already have been offered
   * them, so this agent is the one to get them.
   */
  void dispatchTo(String login) {
    Agent a = state.agent(login).orElse(null);
    if (a == null || a.presence() != Presence.AVAILABLE || state.waiting().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    for (WorkItem w : new ArrayList<>(state.waiting())) {
      if (w.state() != ItemState.WAITING
          || w.declinedBy().contains(login)
          || !picker.hasRoom(a, w.channel())) {
        continue;
      }
      if (heldForPreferred(w, now)) {
        if (login.equals(w.preferredAgent())) {
          offer(w, a, "sticky", now);
        }
        continue;
      }
      if (a.canServe(queueOf(w).skill())) {
        offer(w, a, "longest_idle", now);
      }
    }
  }

  private void place(WorkItem w, Instant now) {
    place(w, now, new HashSet<>());
  }

  private void place(WorkItem w, Instant now, Set<String> nobodyFree) {
    if (w.state() != ItemState.WAITING || w.isCall()) {
      return;
    }
    if (heldForPreferred(w, now)) {
      state
          .agent(w.preferredAgent())
          .filter(a -> picker.hasRoom(a, w.channel()))
          .ifPresent(a -> offer(w, a, "sticky", now));
      return; // still waiting for the preferred agent
    }
    String key = w.queue() + "|" + w.channel();
    if (w.declinedBy().isEmpty() && nobodyFree.contains(key)) {
      return;
    }
    Agent a = picker.longestIdle(queueOf(w).skill(), w.channel(), w.declinedBy());
    if (a != null) {
      offer(w, a, "longest_idle", now);
    } else if (w.declinedBy().isEmpty()) {
      nobodyFree.add(key);
    }
  }

  /** Whether the conversation still waits for its account owner or last agent. */
  private static boolean heldForPreferred(WorkItem w, Instant now) {
    return w.preferredAgent() != null
        && now.isBefore(w.stickyUntil())
        && !w.declinedBy().contains(w.preferredAgent());
  }

  private QueueDefinition queueOf(WorkItem w) {
    return rules.byName(w.queue()).orElse(rules.all().get(0));
  }

  private void offer(WorkItem w, Agent a, String reason, Instant now) {
    state.change(w, x -> x.offer(a.login(), now.plus(config.offerTimeout())));
    notices.toAgent(HubEvent.ASSIGNMENT_OFFERED, w, a.login(), reason);
  }

  private void revokeOffer(WorkItem w, String reason) {
    backlogToOffer = true;
    String login = w.agent();
    state.change(w, WorkItem::declined);
    notices.toAgent(HubEvent.ASSIGNMENT_REVOKED, w, login, reason);
    place(w, clock.instant());
  }

  /** Closes an item: handled if it was assigned, abandoned if it was still waiting. */
  void finish(WorkItem w, Instant now, String reason) {
    if (w.state() == ItemState.ASSIGNED) {
      leaveAgent(w, now, reason);
    } else {
      if (w.state() == ItemState.OFFERED) {
        notices.toAgent(HubEvent.ASSIGNMENT_REVOKED, w, w.agent(), reason);
      }
      state.addOutcome(
          new Outcome(
              Outcome.Kind.ABANDONED,
              w.queue(),
              w.channel(),
              now,
              Duration.between(w.enqueuedAt(), now)));
    }
    String agent = w.agent(); // offered or assigned: their slot frees
    state.change(w, WorkItem::close);
    if (agent != null) {
      dispatchTo(agent);
    }
  }

  /** The assigned agent's part ends: handle time recorded, the agent is free for more. */
  private void leaveAgent(WorkItem w, Instant now, String reason) {
    if (w.state() == ItemState.OFFERED) {
      notices.toAgent(HubEvent.ASSIGNMENT_REVOKED, w, w.agent(), reason);
      return;
    }
    if (w.state() != ItemState.ASSIGNED) {
      return;
    }
    state.addOutcome(
        new Outcome(
            Outcome.Kind.HANDLED,
            w.queue(),
            w.channel(),
            now,
            Duration.between(w.answeredAt(), now)));
    if (w.agent() != null) {
      state.agent(w.agent()).ifPresent(a -> state.putAgent(a.idleFrom(now)));
      notices.toAgent(HubEvent.ASSIGNMENT_ENDED, w, w.agent(), reason);
    }
  }

  private WorkItem offeredTo(String login, String conversationId) {
    WorkItem w = open(conversationId);
    if (w.state() != ItemState.OFFERED || !login.equals(w.agent())) {
      throw HubException.conflict("conversation " + conversationId + " is not offered to " + login);
    }
    return w;
  }

  private WorkItem open(String conversationId) {
    return state
        .openItemOf(conversationId)
        .orElseThrow(
            () -> HubException.notFound("conversation " + conversationId + " is not in routing"));
  }

  /**
   * Whether a contact on {@code channel} could be offered now: an available agent with room on the
   * channel holds the skill of a queue that takes the channel.
   */
  public boolean canTakeNow(Channel channel) {
    return rules.all().stream()
        .filter(q -> q.channels().isEmpty() || q.channels().contains(channel))
        .anyMatch(q -> picker.longestIdle(q.skill(), channel, Set.of()) != null);
  }

  public RoutingState state() {
    return state;
  }

  public QueueRules rules() {
    return rules;
  }

  public RoutingConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  Timers timers() {
    return timers;
  }
}
