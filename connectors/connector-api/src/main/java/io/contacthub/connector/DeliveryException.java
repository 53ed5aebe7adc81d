package io.contacthub.connector;

/**
 * A delivery the channel refused or that failed after all retries.
 *
 * @see DeliveryReceipt.DeliveryState#FAILED
 */
public class DeliveryException extends RuntimeException {

  private final boolean retryable;

  public DeliveryException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying again later may succeed (a timeout, a 5xx, a rate limit). */
  public boolean retryable() {
    return retryable;
  }
}
