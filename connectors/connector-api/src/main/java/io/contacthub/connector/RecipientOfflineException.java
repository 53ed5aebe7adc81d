package io.contacthub.connector;

/**
 * The customer is not reachable on this channel now (a web-chat visitor who left). The hub may
 * deliver the message on another channel of the customer instead, adding {@link #fallbackNote()}
 * (e.g. a link back into the chat) to it.
 */
public class RecipientOfflineException extends DeliveryException {

  private final String fallbackNote;

  public RecipientOfflineException(String message, String fallbackNote) {
    super(message, true, null);
    this.fallbackNote = fallbackNote;
  }

  /** Text to append to the message when it goes out on another channel; may be null. */
  public String fallbackNote() {
    return fallbackNote;
  }
}
