package io.contacthub.connector.email.mime;

/** Headers of a mail attached as {@code message/rfc822} (forwarded as attachment). */
public record Forwarded(String subject, String from, String messageId) {}
