package io.contacthub.hub.model;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import java.time.Instant;
import java.util.Set;

/**
 * A full-text search over interactions. Null fields do not filter.
 *
 * @param query free text (simple query syntax: words, "phrases", -exclusions, prefix*), or null for
 *     all
 * @param customerIds the customer filter, already expanded to every id merged into it
 * @param sort relevance (the default when there is a query) or time, newest first
 */
public record SearchRequest(
    String query,
    Set<String> customerIds,
    Set<Channel> channels,
    Direction direction,
    String conversationId,
    Instant from,
    Instant to,
    Sort sort,
    String cursor,
    int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 200;

  /** The {@code limit} newest interactions of one conversation, by when they happened. */
  public static SearchRequest newestIn(String conversationId, int limit) {
    return new SearchRequest(
        null, null, null, null, conversationId, null, null, Sort.TIME, null, limit);
  }

  /** How hits are ordered. */
  public enum Sort {
    RELEVANCE,
    TIME
  }
}
