package io.contacthub.connector;

/** Attachment content over the hub's configured size limit; the attachment is not stored. */
public class AttachmentTooLargeException extends RuntimeException {

  private final long limitBytes;

  public AttachmentTooLargeException(long size, long limitBytes) {
    super("attachment of " + size + " bytes is over the limit of " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
