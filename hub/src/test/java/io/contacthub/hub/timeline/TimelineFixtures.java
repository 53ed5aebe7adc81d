package io.contacthub.hub.timeline;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.NormalizedIdentity;
import io.contacthub.hub.model.SearchRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Test data for the timeline index. */
final class TimelineFixtures {

  static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

  private TimelineFixtures() {}

  static InteractionBuilder message(String id, long seq) {
    return new InteractionBuilder(id, seq);
  }

  static Customer customer(String id, String name) {
    return new Customer(
        id,
        name,
        List.of(new NormalizedIdentity(IdentityType.EMAIL, id + "@example.com", true)),
        T0,
        null,
        new JsonObject().put("segment", "gold"));
  }

  static Conversation conversation(String id, String customerId, ConversationStatus status) {
    return new Conversation(
        id, customerId, status, Set.of(Channel.EMAIL), "Order 42", T0, T0.plusSeconds(60), 2);
  }

  /** A search with only a query; other fields filled in by {@link SearchBuilder}. */
  static SearchBuilder search(String query) {
    return new SearchBuilder(query);
  }

  static final class InteractionBuilder {
    private final String id;
    private final long seq;
    private Channel channel = Channel.EMAIL;
    private Direction direction = Direction.INBOUND;
    private Instant at = T0;
    private String customer = "cust-1";
    private String conversation = "conv-1";
    private List<String> threadKeys = List.of();
    private String subject;
    private String text = "hello";

    private InteractionBuilder(String id, long seq) {
      this.id = id;
      this.seq = seq;
    }

    InteractionBuilder channel(Channel value) {
      channel = value;
      return this;
    }

    InteractionBuilder direction(Direction value) {
      direction = value;
      return this;
    }

    InteractionBuilder at(Instant value) {
      at = value;
      return this;
    }

    InteractionBuilder customer(String value) {
      customer = value;
      return this;
    }

    InteractionBuilder conversation(String value) {
      conversation = value;
      return this;
    }

    InteractionBuilder threadKeys(String... values) {
      threadKeys = List.of(values);
      return this;
    }

    InteractionBuilder subject(String value) {
      subject = value;
      return this;
    }

    InteractionBuilder text(String value) {
      text = value;
      return this;
    }

    Interaction build() {
      return new Interaction(
          id,
          seq,
          channel,
          "ext-" + id,
          direction,
          InteractionKind.MESSAGE,
          at,
          at.plusMillis(5),
          customer,
          conversation,
          List.of(),
          threadKeys,
          subject,
          text,
          null,
          List.of(),
          false,
          new JsonObject());
    }
  }

  static final class SearchBuilder {
    private final String query;
    private Set<String> customerIds;
    private Set<Channel> channels;
    private Direction direction;
    private String conversationId;
    private Instant from;
    private Instant to;
    private SearchRequest.Sort sort;
    private String cursor;
    private int limit = SearchRequest.DEFAULT_LIMIT;

    private SearchBuilder(String query) {
      this.query = query;
    }

    SearchBuilder customers(String... ids) {
      customerIds = Set.of(ids);
      return this;
    }

    SearchBuilder channels(Channel... values) {
      channels = Set.of(values);
      return this;
    }

    SearchBuilder direction(Direction value) {
      direction = value;
      return this;
    }

    SearchBuilder conversation(String value) {
      conversationId = value;
      return this;
    }

    SearchBuilder between(Instant fromInclusive, Instant toExclusive) {
      from = fromInclusive;
      to = toExclusive;
      return this;
    }

    SearchBuilder sort(SearchRequest.Sort value) {
      sort = value;
      return this;
    }

    SearchBuilder cursor(String value) {
      cursor = value;
      return this;
    }

    SearchBuilder limit(int value) {
      limit = value;
      return this;
    }

    SearchRequest build() {
      return new SearchRequest(
          query, customerIds, channels, direction, conversationId, from, to, sort, cursor, limit);
    }
  }
}
