package io.contacthub.connector.social.inbound;

import io.contacthub.connector.Channel;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import java.time.Instant;

/**
 * One thing a webhook reported, as the connector understood it. A payload is parsed whole into a
 * list of these before any is applied, so a malformed payload stores nothing.
 */
public sealed interface SocialEvent {

  /** The platform's time of the event: events are applied in this order. */
  Instant at();

  /** A customer's message (text, media, location, contact, reply, reaction). */
  record Message(InboundInteraction interaction) implements SocialEvent {
    @Override
    public Instant at() {
      return interaction.occurredAt();
    }
  }

  /**
   * A customer edited a message: {@code update} changes the original; {@code asNew} is stored
   * instead when the original never arrived (the edit overtook it).
   */
  record Edit(InteractionUpdate update, InboundInteraction asNew) implements SocialEvent {
    @Override
    public Instant at() {
      return update.occurredAt();
    }
  }

  /** What happened to a message we sent, named by the id the platform gave it. */
  record Status(Channel channel, String messageId, DeliveryState state, Instant at, String detail)
      implements SocialEvent {}

  /**
   * Everything we sent to {@code recipientId} up to {@code at} reached {@code state} (Messenger
   * reports deliveries and reads as a time watermark rather than per message).
   */
  record Watermark(Channel channel, String recipientId, DeliveryState state, Instant at)
      implements SocialEvent {}
}
