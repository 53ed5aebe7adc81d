package io.contacthub.hub.offers;

/**
 * An agent's report of the customer's answer to an offer.
 *
 * @param reason why the customer declined (required for a decline)
 * @param conversationId the conversation to note the answer in; null: the customer's current one
 * @param agent the login of the agent reporting it
 */
public record OfferAnswer(
    String offerId,
    String customerId,
    boolean accepted,
    String reason,
    String conversationId,
    String agent) {}
