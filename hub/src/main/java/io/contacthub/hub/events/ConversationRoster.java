package io.contacthub.hub.events;

import java.util.HashSet;
import java.util.Set;

/**
 * Who works on which conversation, as the live stream's filter needs it: kept by routing, read from
 * the event loops for every content event, so every method must be cheap and thread-safe.
 */
public interface ConversationRoster {

  /** Nobody holds anything: without routing, only unfiltered connections get content events. */
  ConversationRoster NONE =
      new ConversationRoster() {
        @Override
        public Set<String> holders(String conversationId) {
          return Set.of();
        }

        @Override
        public Set<String> assignees(String conversationId) {
          return Set.of();
        }

        @Override
        public String waitingIn(String conversationId) {
          return null;
        }

        @Override
        public Set<String> conversationsOf(String customerId) {
          return Set.of();
        }

        @Override
        public boolean serves(String login, String queue) {
          return false;
        }
      };

  /** The agents the conversation is offered or assigned to (or was, moments ago). */
  Set<String> holders(String conversationId);

  /** Those of the holders who accepted: the others hold an offer. */
  Set<String> assignees(String conversationId);

  /** The queue the conversation waits in, or null when it is not waiting. */
  String waitingIn(String conversationId);

  /** The open conversations of a customer routing tracks. */
  Set<String> conversationsOf(String customerId);

  /** Whether the agent has the skill the queue needs. */
  boolean serves(String login, String queue);

  /**
   * The conversations a content event is about: those it names, and for a customer event the
   * customer's open ones.
   */
  default Set<String> conversationsAbout(LiveFrame frame) {
    if (frame.customerIds().isEmpty()) {
      return frame.conversationIds();
    }
    Set<String> ids = new HashSet<>(frame.conversationIds());
    frame.customerIds().forEach(id -> ids.addAll(conversationsOf(id)));
    return ids;
  }
}
