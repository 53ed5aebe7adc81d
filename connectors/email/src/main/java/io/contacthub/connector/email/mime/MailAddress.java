package io.contacthub.connector.email.mime;

/** An address as a header carried it; {@code displayName} is decoded, or null. */
public record MailAddress(String address, String displayName) {}
