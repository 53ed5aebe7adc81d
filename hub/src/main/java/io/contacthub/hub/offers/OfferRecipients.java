package io.contacthub.hub.offers;

import io.contacthub.hub.events.Audience;
import io.vertx.core.Future;

/**
 * Who should get the offers of a conversation: the agent working it. The hub wires routing in here
 * (the conversation's assignee, else every staff member). Screen-pops do not ask: their offers go
 * to the agents the pop went to.
 */
@FunctionalInterface
public interface OfferRecipients {

  /** The audience for offers about {@code customerId} in {@code conversationId} (may be null). */
  Future<Audience> forConversation(String conversationId, String customerId);
}
