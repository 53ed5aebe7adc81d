package io.contacthub.hub.api;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.InboxPage;
import io.contacthub.hub.model.InboxRequest;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import io.contacthub.hub.model.TimelinePage;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fixed-data stand-in for the hub's reads, for tests of the API layer only. Knows customer {@code
 * c-1} (and {@code c-old}, merged into it), interaction {@code i-1}, conversation {@code v-1}; a
 * cursor {@code bad} is refused like a real one that does not parse.
 */
public final class StubQueryService implements QueryService {

  public volatile SearchRequest lastSearch;
  public volatile String lastTimeline;
  public volatile String lastIdentity;
  public volatile InboxRequest lastInbox;

  static final Interaction INTERACTION =
      new Interaction(
          "i-1",
          7,
          Channel.EMAIL,
          "m-1",
          Direction.INBOUND,
          InteractionKind.MESSAGE,
          Instant.parse("2025-03-01T09:30:00Z"),
          Instant.parse("2025-03-01T09:30:01Z"),
          "c-1",
          "v-1",
          List.of(),
          List.of("email:m-1@x"),
          "Order",
          "Where is my order?",
          null,
          List.of(),
          false,
          null);

  @Override
  public Future<Customer> customer(String id) {
    return switch (id) {
      case "c-1", "c-old" -> Future.succeededFuture(RecordingIngestService.customer("c-1", null));
      case "boom" -> Future.failedFuture(new IllegalStateException("index is corrupt at /var/x"));
      case "busy" -> Future.failedFuture(HubException.unavailable("log is not writable", 7));
      default -> Future.failedFuture(HubException.notFound("no customer " + id));
    };
  }

  @Override
  public Future<Customer> customerByIdentity(String identity) {
    lastIdentity = identity;
    return identity.contains("ada@example.com")
        ? customer("c-1")
        : Future.failedFuture(HubException.notFound("nobody has " + identity));
  }

  @Override
  public Future<TimelinePage> timeline(String customerId, String cursor, int limit) {
    lastTimeline = customerId + "|" + cursor + "|" + limit;
    if ("bad".equals(cursor)) {
      return Future.failedFuture(new IllegalArgumentException("cursor: cannot be read"));
    }
    return customer(customerId).map(c -> TimelinePage.of(List.of(INTERACTION), "n1"));
  }

  @Override
  public Future<Interaction> interaction(String id) {
    return "i-1".equals(id)
        ? Future.succeededFuture(INTERACTION)
        : Future.failedFuture(HubException.notFound("no interaction " + id));
  }

  @Override
  public Future<Conversation> conversation(String id) {
    return "v-1".equals(id)
        ? Future.succeededFuture(conversation())
        : Future.failedFuture(HubException.notFound("no conversation " + id));
  }

  @Override
  public Future<List<Conversation>> conversationsOf(String customerId) {
    return customer(customerId).map(c -> List.of(conversation()));
  }

  @Override
  public Future<InboxPage> inbox(InboxRequest request) {
    lastInbox = request;
    return Future.succeededFuture(
        new InboxPage(List.of(new InboxPage.Item(conversation(), "Ada", INTERACTION)), "n1"));
  }

  @Override
  public Future<SearchResult> search(SearchRequest request) {
    lastSearch = request;
    if ("bad".equals(request.cursor())) {
      return Future.failedFuture(new IllegalArgumentException("cursor: cannot be read"));
    }
    if ("stale".equals(request.cursor())) {
      return Future.failedFuture(HubException.badRequest("cursor: the index changed"));
    }
    return Future.succeededFuture(
        new SearchResult(
            1,
            List.of(new SearchResult.Hit(INTERACTION, 1.5f, "my <mark>order</mark>")),
            Map.of("email", 1L),
            null));
  }

  private static Conversation conversation() {
    return new Conversation(
        "v-1",
        "c-1",
        ConversationStatus.OPEN,
        Set.of(Channel.EMAIL),
        "Order",
        Instant.EPOCH,
        Instant.EPOCH,
        1);
  }

  @Override
  public Future<List<Interaction>> conversationSince(
      String conversationId, long afterSeq, int limit) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<List<Interaction>> conversationRecent(String conversationId, int limit) {
    return Future.succeededFuture(List.of());
  }
}
