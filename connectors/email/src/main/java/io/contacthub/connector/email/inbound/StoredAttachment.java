package io.contacthub.connector.email.inbound;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.email.mime.MimeAttachment;

/**
 * An attachment after the hub was asked to store it.
 *
 * @param ref the hub's reference, or null when it refused the content
 * @param rejected why the content was not stored, or null
 */
record StoredAttachment(MimeAttachment part, AttachmentRef ref, String rejected, Long limitBytes) {

  static StoredAttachment stored(MimeAttachment part, AttachmentRef ref) {
    return new StoredAttachment(part, ref, null, null);
  }

  static StoredAttachment tooLarge(MimeAttachment part, long limitBytes) {
    return new StoredAttachment(part, null, "too large", limitBytes);
  }
}
