package io.contacthub.hub.reply;

import io.contacthub.connector.Channel;

/**
 * What an agent sends in a conversation.
 *
 * @param channel where to send; null for the channel the customer last wrote on
 * @param note an internal note: on the timeline for agents, never sent to the customer
 */
public record Reply(String text, String subject, Channel channel, boolean note) {}
