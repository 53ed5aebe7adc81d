package io.contacthub.connector.email.mime;

/**
 * A part that is not body text.
 *
 * @param contentId the Content-ID without angle brackets, or null
 * @param inline whether the HTML body refers to it through {@code cid:}
 */
public record MimeAttachment(
    String filename, String contentType, byte[] content, String contentId, boolean inline) {}
