package io.contacthub.hub.offers;

import io.contacthub.connector.Channel;
import java.util.Set;

/**
 * One moment offers are looked for: what happened, where, to whom, and what the customer said.
 *
 * @param channel where it happened; null when no channel (a conversation reopened by an agent)
 * @param text what the customer said: the message, or their recent messages for a screen-pop
 */
public record OfferContext(
    Set<Trigger> triggers,
    Channel channel,
    String customerId,
    String conversationId,
    String callId,
    String text) {

  public OfferContext {
    triggers = Set.copyOf(triggers);
  }
}
