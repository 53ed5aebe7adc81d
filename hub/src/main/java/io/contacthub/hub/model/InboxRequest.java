package io.contacthub.hub.model;

import io.contacthub.connector.Channel;
import java.util.Set;

/**
 * A page of the inbox: conversations, latest activity first. Empty sets do not filter.
 *
 * @param statuses conversations in any of these statuses
 * @param channels conversations that used any of these channels
 * @param cursor the {@code nextCursor} of the previous page, or null for the first
 */
public record InboxRequest(
    Set<ConversationStatus> statuses, Set<Channel> channels, String cursor, int limit) {

  public InboxRequest {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    channels = channels == null ? Set.of() : Set.copyOf(channels);
  }

  public boolean matches(Conversation c) {
    return (statuses.isEmpty() || statuses.contains(c.status()))
        && (channels.isEmpty() || c.channels().stream().anyMatch(channels::contains));
  }
}
