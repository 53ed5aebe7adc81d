package io.contacthub.hub.offers;

import java.util.Optional;

/** The moments an offer can be proposed at. The wire names are those of {@code offers.yaml}. */
public enum Trigger {
  /** A customer's inbound message was stored (on the channel the rule names, if it names any). */
  INTERACTION_CREATED("interaction.created"),
  /** A known customer's call is ringing: the offer goes into the screen-pop. */
  SCREEN_POP("screen_pop"),
  /** A customer wrote again in a conversation that was pending or resolved. */
  CONVERSATION_REOPENED("conversation.reopened");

  private final String wireName;

  Trigger(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Trigger> fromWireName(String name) {
    for (Trigger t : values()) {
      if (t.wireName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
