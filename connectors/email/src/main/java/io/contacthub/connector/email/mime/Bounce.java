package io.contacthub.connector.email.mime;

/**
 * The failed recipient of a delivery status notification (RFC 3464).
 *
 * @param originalMessageId the Message-ID of the mail that bounced, or null when the report does
 *     not include its headers
 */
public record Bounce(
    String recipient, String status, String action, String diagnostic, String originalMessageId) {}
