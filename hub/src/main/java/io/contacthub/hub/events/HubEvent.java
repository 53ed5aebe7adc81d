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
  OFFER("offer", "A next-best-action card for the agent."),
  WEBCHAT_TYPING(
      "webchat.typing",
      "A chat visitor started or stopped typing; payload: conversationId, visitorId, typing."),
  QUEUE_STATS("queue.stats", "Live queue metrics, for supervisors only.");

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
