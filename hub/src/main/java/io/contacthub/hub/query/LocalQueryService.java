package io.contacthub.hub.query;

import io.contacthub.hub.conversation.ConversationStore;
import io.contacthub.hub.conversation.ConversationStore.ActivityKey;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.identity.IdentityNormalizer;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.InboxPage;
import io.contacthub.hub.model.InboxRequest;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import io.contacthub.hub.model.TimelinePage;
import io.contacthub.hub.timeline.TimelineIndex;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Reads from the in-memory directory (customers, conversations) and the Lucene index. Index work
 * runs on a dedicated worker pool, never on an event loop.
 */
public final class LocalQueryService implements QueryService {

  private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(1);
  private static final Duration CONVERSATION_READ_WAIT = Duration.ofSeconds(5);

  private final CustomerDirectory customers;
  private final ConversationStore conversations;
  private final TimelineIndex index;
  private final IdentityNormalizer normalizer;
  private final WorkerExecutor workers;
  private final LongSupplier latestSeq;
  private final RecentCustomerWrites recentWrites;

  /**
   * @param latestSeq the newest sequence number decided so far; a lookup that misses waits for it
   *     to become searchable, so an id just acknowledged is always found
   * @param recentWrites what each customer wrote that the index may not show yet; a timeline waits
   *     for it
   */
  public LocalQueryService(
      CustomerDirectory customers,
      ConversationStore conversations,
      TimelineIndex index,
      IdentityNormalizer normalizer,
      WorkerExecutor workers,
      LongSupplier latestSeq,
      RecentCustomerWrites recentWrites) {
    this.latestSeq = latestSeq;
    this.recentWrites = recentWrites;
    this.customers = customers;
    this.conversations = conversations;
    this.index = index;
    this.normalizer = normalizer;
    this.workers = workers;
  }

  @Override
  public Future<Customer> customer(String customerId) {
    return customers
        .view(customerId)
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(HubException.notFound("no customer " + customerId)));
  }

  @Override
  public Future<Customer> customerByIdentity(String identity) {
    try {
      return normalizer
          .parseAny(identity)
          .flatMap(customers::ownerOf)
          .flatMap(customers::view)
          .map(Future::succeededFuture)
          .orElseGet(
              () ->
                  Future.failedFuture(
                      HubException.notFound("no customer with identity '" + identity + "'")));
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<TimelinePage> timeline(String customerId, String cursor, int limit) {
    Set<String> members = membersOf(customerId);
    if (members == null) {
      return Future.failedFuture(HubException.notFound("no customer " + customerId));
    }
    return blocking(
        () -> {
          long unsearched = recentWrites.unsearched(members);
          if (unsearched >= 0) {
            // Past the wait the page shows what the index has: a lagging index is a health
            // matter (/health/ready shows it), not a reason to refuse the read.
            index.awaitSearchable(unsearched, READ_YOUR_WRITES);
          }
          return index.timeline(members, cursor, limit);
        });
  }

  @Override
  public Future<Interaction> interaction(String interactionId) {
    return blocking(
            () -> {
              Optional<Interaction> found = index.interaction(interactionId);
              if (found.isEmpty()
                  && index.awaitSearchable(latestSeq.getAsLong(), READ_YOUR_WRITES)) {
                found = index.interaction(interactionId);
              }
              return found;
            })
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                HubException.notFound("no interaction " + interactionId))));
  }

  @Override
  public Future<Conversation> conversation(String conversationId) {
    return conversations
        .get(conversationId)
        .map(Future::succeededFuture)
        .orElseGet(
            () -> Future.failedFuture(HubException.notFound("no conversation " + conversationId)));
  }

  @Override
  public Future<List<Conversation>> conversationsOf(String customerId) {
    Set<String> members = membersOf(customerId);
    if (members == null) {
      return Future.failedFuture(HubException.notFound("no customer " + customerId));
    }
    return Future.succeededFuture(conversations.of(members));
  }

  @Override
  public Future<InboxPage> inbox(InboxRequest request) {
    ActivityKey after;
    try {
      after = InboxCursor.decode(request.cursor());
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
    // One more than asked tells whether there is a next page.
    List<Conversation> found =
        conversations.byActivity(after, request::matches, request.limit() + 1);
    boolean more = found.size() > request.limit();
    List<Conversation> page = more ? found.subList(0, request.limit()) : found;
    String next = more ? InboxCursor.encode(ActivityKey.of(page.getLast())) : null;
    return blocking(
        () -> {
          List<InboxPage.Item> items = new ArrayList<>(page.size());
          for (Conversation c : page) {
            String name = customers.root(c.customerId()).map(Customer::displayName).orElse(null);
            items.add(new InboxPage.Item(c, name, newestOf(c.id())));
          }
          return new InboxPage(items, next);
        });
  }

  /** The newest searchable interaction of a conversation: one small index query. */
  private Interaction newestOf(String conversationId) throws IOException {
    SearchResult r = index.search(SearchRequest.newestIn(conversationId, 1));
    return r.hits().isEmpty() ? null : r.hits().getFirst().interaction();
  }

  @Override
  public Future<SearchResult> search(SearchRequest request) {
    SearchRequest expanded = request;
    if (request.customerIds() != null && !request.customerIds().isEmpty()) {
      Set<String> all = new LinkedHashSet<>();
      for (String id : request.customerIds()) {
        Set<String> members = membersOf(id);
        if (members != null) {
          all.addAll(members);
        } else {
          // An unknown customer matches nothing, rather than silently dropping the filter.
          all.add(id);
        }
      }
      expanded =
          new SearchRequest(
              request.query(),
              all,
              request.channels(),
              request.direction(),
              request.conversationId(),
              request.from(),
              request.to(),
              request.sort(),
              request.cursor(),
              request.limit());
    }
    SearchRequest q = expanded;
    return blocking(() -> index.search(q));
  }

  @Override
  public Future<List<Interaction>> conversationSince(
      String conversationId, long afterSeq, int limit) {
    if (conversations.get(conversationId).isEmpty()) {
      return Future.failedFuture(HubException.notFound("no conversation " + conversationId));
    }
    return blocking(
        () -> {
          awaitAcknowledged();
          return index.conversationAfter(conversationId, afterSeq, limit);
        });
  }

  /**
   * Read-your-writes: whatever was acknowledged before the call must be in the answer; an answer
   * that might miss some is refused rather than given.
   */
  private void awaitAcknowledged() throws InterruptedException {
    if (!index.awaitSearchable(latestSeq.getAsLong(), CONVERSATION_READ_WAIT)) {
      throw new HubException(
          503, "Service Unavailable", "the timeline is catching up; try again shortly");
    }
  }

  @Override
  public Future<List<Interaction>> conversationRecent(String conversationId, int limit) {
    if (conversations.get(conversationId).isEmpty()) {
      return Future.failedFuture(HubException.notFound("no conversation " + conversationId));
    }
    SearchRequest newest = SearchRequest.newestIn(conversationId, limit);
    return blocking(
        () -> {
          awaitAcknowledged();
          // By when things happened, not by when they were last written: a read mark or a
          // delivery state rewrites an old message, and must not make it the newest.
          return index.search(newest).hits().stream().map(h -> h.interaction()).toList();
        });
  }

  /** The customer's id set after merges, or null when unknown. */
  private Set<String> membersOf(String customerId) {
    return customers.root(customerId).map(r -> customers.members(r.id())).orElse(null);
  }

  private <T> Future<T> blocking(Callable<T> call) {
    return workers.executeBlocking(
        () -> {
          try {
            return call.call();
          } catch (IllegalArgumentException e) {
            throw HubException.badRequest(e.getMessage());
          }
        },
        false);
  }
}
