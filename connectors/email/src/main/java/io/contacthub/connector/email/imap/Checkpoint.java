package io.contacthub.connector.email.imap;

/**
 * How far a mailbox was ingested. UIDs are only comparable under the same UIDVALIDITY (RFC 3501
 * 2.3.1.1); when it changes, the mailbox is read again and the hub's dedupe drops repeats.
 */
public record Checkpoint(long uidValidity, long lastUid) {

  public static final Checkpoint NONE = new Checkpoint(-1, 0);

  /** The last UID already ingested under {@code currentUidValidity}, or 0. */
  public long lastUidFor(long currentUidValidity) {
    return uidValidity == currentUidValidity ? lastUid : 0;
  }
}
