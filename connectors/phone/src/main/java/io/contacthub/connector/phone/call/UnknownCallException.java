package io.contacthub.connector.phone.call;

/**
 * A note, disposition or recording for a call the connector does not know and the hub did not pass.
 */
public class UnknownCallException extends RuntimeException {

  public UnknownCallException(String callId) {
    super("no call " + callId + " is known");
  }
}
