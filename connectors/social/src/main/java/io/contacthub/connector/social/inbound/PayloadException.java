package io.contacthub.connector.social.inbound;

/** A webhook body that does not have the documented shape; answered 400, nothing is stored. */
public final class PayloadException extends RuntimeException {

  public PayloadException(String message) {
    super(message, null, false, false);
  }
}
