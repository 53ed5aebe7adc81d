package io.contacthub.connector.phone.cti;

/** A CTI request that cannot be applied; the message is the problem's detail. */
public class CtiPayloadException extends RuntimeException {

  public CtiPayloadException(String message) {
    super(message);
  }
}
