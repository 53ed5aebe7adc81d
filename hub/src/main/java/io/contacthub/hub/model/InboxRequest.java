package io.contacthub.hub.model;

import io.contacthub.connector.Channel;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A page of the inbox: conversations, latest activity first. Empty sets do not filter.
 *
 * @param statuses conversations in any of these statuses
 * @param channels conversations that used any of these channels
 * @param scope the conversations the caller's view holds (mine, my queues); null for all. Applied
 *     while paging, so a page is full and the cursor stays exact
 * @param cursor the {@code nextCursor} of the previous page, or null for the first
 */
public record InboxRequest(
    Set<ConversationStatus> statuses,
    Set<Channel> channels,
    Predicate<Conversation> scope,
    String cursor,
    int limit) {

  public InboxRequest {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    channels = channels == null ? Set.of() : Set.copyOf(channels);
  }

  public boolean matches(Conversation c) {
    return (statuses.isEmpty() || statuses.contains(c.status()))
        && (channels.isEmpty() || c.channels().stream().anyMatch(channels::contains))
        && (scope == null || scope.test(c));
  }
}
