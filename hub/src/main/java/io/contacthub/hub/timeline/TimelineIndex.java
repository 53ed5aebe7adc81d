package io.contacthub.hub.timeline;

import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import io.contacthub.hub.model.TimelinePage;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Lucene projection of the log: interactions (timeline and search), plus customers and
 * conversations so the hub can reload its state at start-up. Every method blocks: call it from a
 * worker thread, never from an event loop.
 */
public interface TimelineIndex extends Closeable {

  /**
   * Adds or replaces documents by id (re-applying is idempotent) and records that every log record
   * up to {@code upToSeq} is applied. Called by one indexing thread.
   */
  void apply(
      Collection<Interaction> interactions,
      Collection<Customer> customers,
      Collection<Conversation> conversations,
      long upToSeq)
      throws IOException;

  /**
   * Commits; the commit remembers the applied sequence number. One commit at a time, which may run
   * on another thread than {@link #apply} while it applies.
   *
   * @param paced write what the commit saves besides the applied documents (the customer and
   *     conversation snapshots) a slice per refresh, over a few seconds, so that searches and
   *     acknowledgements go on meanwhile: for commits in the background, not at a stop
   */
  void commit(boolean paced) throws IOException;

  /** A paced commit being written, and any later one, goes at full speed (the hub is stopping). */
  void hurry();

  /** The highest log sequence number in the last commit, or -1 for an empty index. */
  long committedSeq();

  /** The highest log sequence number visible to searches. */
  long searchableSeq();

  /** Replaces the observer told of each refresh that changed what searches see. */
  void observeRefreshes(RefreshObserver observer);

  /**
   * Blocks until {@code seq} is applied and visible to searches, or the timeout passes; true if
   * visible. Use it for read-your-writes; other readers see a change within the refresh interval.
   */
  boolean awaitSearchable(long seq, Duration timeout) throws InterruptedException;

  Optional<Interaction> interaction(String interactionId) throws IOException;

  /** The interaction with this {@link Interaction#dedupeKey()}, if indexed. */
  Optional<Interaction> interactionByDedupeKey(String dedupeKey) throws IOException;

  /** The newest interaction (by occurred-at, then sequence number) with this thread key. */
  Optional<Interaction> interactionByThreadKey(String threadKey) throws IOException;

  /** The newest outbound interaction registered under this thread key (a sent mail's), if any. */
  Optional<Interaction> outboundByThreadKey(String threadKey) throws IOException;

  /**
   * The conversation of the newest interaction (by occurred-at, then sequence number) registered
   * under any of these thread keys.
   */
  Optional<String> conversationByThreadKeys(Collection<String> threadKeys) throws IOException;

  /**
   * Interactions of these customers (a customer and those merged into it), newest first (ties by
   * the higher sequence number). {@code limit} is clamped to [1, {@link
   * io.contacthub.hub.model.SearchRequest#MAX_LIMIT}]; {@code cursor} is a previous page's {@code
   * nextCursor} for the same customers, or null for the first page. No total is counted.
   *
   * @throws IllegalArgumentException for a malformed cursor or one issued for other customers
   */
  TimelinePage timeline(Set<String> customerIds, String cursor, int limit) throws IOException;

  /**
   * The interactions of one conversation whose latest write has a sequence number above {@code
   * afterSeq}, in sequence order, at most {@code limit} (clamped to at least 1): a client that
   * remembers the highest number it saw pages through everything after it, however long the
   * conversation.
   */
  List<Interaction> conversationAfter(String conversationId, long afterSeq, int limit)
      throws IOException;

  /**
   * Full-text search over interactions with an exact total and per-channel counts over all matches.
   * {@code from} is inclusive and {@code to} exclusive; an empty customer or channel set matches
   * nothing; the limit is clamped to [1, {@link SearchRequest#MAX_LIMIT}].
   *
   * @throws IllegalArgumentException for a malformed cursor or one issued for another query
   */
  SearchResult search(SearchRequest request) throws IOException;

  /**
   * Visits every customer as of the last {@link #commit} (start-up load; the log holds what came
   * after).
   */
  void forEachCustomer(Consumer<Customer> visitor) throws IOException;

  /** Visits every conversation as of the last {@link #commit} (start-up load). */
  void forEachConversation(Consumer<Conversation> visitor) throws IOException;
}
