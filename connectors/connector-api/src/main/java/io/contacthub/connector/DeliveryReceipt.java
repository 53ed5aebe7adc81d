package io.contacthub.connector;

/**
 * What a connector reports after handing a message to its channel.
 *
 * @param externalId the channel's id of the sent message (e.g. the generated Message-ID), which the
 *     hub records as a thread key so the customer's answer threads back
 */
public record DeliveryReceipt(String externalId, DeliveryState state, String detail) {

  /** Delivery states shared by every channel, in the order they normally happen. */
  public enum DeliveryState {
    QUEUED,
    SENT,
    DELIVERED,
    READ,
    FAILED
  }
}
