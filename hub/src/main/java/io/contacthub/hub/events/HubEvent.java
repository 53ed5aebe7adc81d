package io.contacthub.hub.events;

/**
 * Every event type on the live stream ({@code GET /api/v1/stream}); the {@code type} field of each
 * JSON frame. docs/events.md lists the same table.
 */
public enum HubEvent {
  INTERACTION_CREATED(
      "interaction.created", "An interaction was stored; payload: the interaction."),
  INTERACTION_UPDATED(
      "interaction.updated", "A stored interaction changed (call answered or ended, delivery)."),
  CONVERSATION_UPDATED(
      "conversation.updated", "A conversation was created, changed status or got activity."),
  CUSTOMER_UPDATED("customer.updated", "A customer's identities or attributes changed."),
  CUSTOMER_MERGED("customer.merged", "A customer was merged into another; payload: both ids."),
  SCREEN_POP("screen_pop", "A call is ringing for the agent: caller, profile, recent history."),
  SCREEN_POP_UPDATE(
      "screen_pop.update", "The popped call was answered; payload: callId, answeredBy."),
  SCREEN_POP_CLOSE(
      "screen_pop.close", "The popped call ended or was missed; payload: callId, cause."),
  OFFER(
      "offer",
      "An offer for the agent to propose (schema Offer); screen-pop offers also ride in the pop."),

  WEBCHAT_TYPING(
      "webchat.typing",
      "A chat visitor started or stopped typing; payload: conversationId, visitorId, typing."),
  WEBCHAT_VISITOR(
      "webchat.visitor",
      "A chat visitor closed their last chat window (online false); replies now go by email when"
          + " the customer has an address. Payload: conversationId, visitorId, online."),
  QUEUE_STATS("queue.stats", "Live queue metrics, for supervisors only."),
  ASSIGNMENT_OFFERED(
      "assignment.offered",
      "A conversation is offered to the agent; accept or decline before expiresAt."),
  ASSIGNMENT_ACCEPTED("assignment.accepted", "The agent accepted the offered conversation."),
  ASSIGNMENT_REVOKED(
      "assignment.revoked",
      "An offer was withdrawn (declined, timed out, agent away, transferred, resolved); reason."),
  ASSIGNMENT_ENDED(
      "assignment.ended", "The agent's assignment ended (resolved or transferred); reason."),
  AGENT_PRESENCE("agent.presence", "The agent's own presence changed (also wrap-up by the hub)."),
  SLA_WARNING(
      "sla.warning",
      "An SLA target (firstResponse, resolution) is close; to supervisors and agent."),
  SLA_BREACHED(
      "sla.breached",
      "An SLA target (firstResponse, resolution) was missed; to supervisors and agent.");

  private final String type;
  private final String description;

  HubEvent(String type, String description) {
    this.type = type;
    this.description = description;
  }

  public String type() {
    return type;
  }

  public String description() {
    return description;
  }
}
