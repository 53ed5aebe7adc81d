package io.contacthub.hub.offers;

import io.contacthub.hub.events.Audience;
import io.vertx.core.Future;

/**
 * Who should get the offers of a conversation: the agent working it. Routing plugs in here (the
 * conversation's assignee); until then the default is every staff member, like the conversation's
 * other live events. Screen-pops do not ask: their offers go to the agents the pop went to.
 */
@FunctionalInterface
public interface OfferRecipients {

  OfferRecipients ALL_STAFF =
      (conversationId, customerId) -> Future.succeededFuture(Audience.STAFF);

  /** The audience for offers about {@code customerId} in {@code conversationId} (may be null). */
  Future<Audience> forConversation(String conversationId, String customerId);
}
