package io.contacthub.connector;

/**
 * The hub's answer once an interaction is durable.
 *
 * @param duplicate true when {@code (channel, externalId)} was seen before; the ids are the
 *     original ones and nothing new was stored
 */
public record Accepted(
    String interactionId, String customerId, String conversationId, boolean duplicate) {}
