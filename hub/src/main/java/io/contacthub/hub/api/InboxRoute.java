package io.contacthub.hub.api;

import io.contacthub.connector.Channel;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.InboxPage;
import io.contacthub.hub.model.InboxRequest;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@code GET /api/v1/conversations}: the inbox, latest activity first, with cursor paging. */
final class InboxRoute {

  private static final int DEFAULT_LIMIT = 50;

  private final QueryService query;

  private InboxRoute(QueryService query) {
    this.query = query;
  }

  static void mount(Endpoints endpoints, QueryService query) {
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/conversations",
        "listConversations",
        RoleCheck.anyOf(Role.AGENT),
        new InboxRoute(query)::list);
  }

  private void list(RoutingContext ctx) {
    InboxRequest request =
        new InboxRequest(
            wireSet(ctx, "status", ConversationStatus.class, ConversationStatus::fromWireName),
            wireSet(ctx, "channel", Channel.class, Channel::fromWireName),
            Params.query(ctx, "cursor"),
            Params.queryInt(ctx, "limit", DEFAULT_LIMIT));
    Responses.json(ctx, query.inbox(request), InboxPage::toJson);
  }

  /** A repeatable enum parameter; the contract already rejected unknown values. */
  private static <E extends Enum<E>> Set<E> wireSet(
      RoutingContext ctx, String name, Class<E> type, Function<String, Optional<E>> parse) {
    Set<E> out = EnumSet.noneOf(type);
    for (String value : Params.queryList(ctx, name)) {
      out.add(
          parse
              .apply(value)
              .orElseThrow(
                  () -> new IllegalArgumentException(name + ": unknown value '" + value + "'")));
    }
    return out;
  }
}
