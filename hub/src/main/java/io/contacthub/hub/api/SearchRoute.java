package io.contacthub.hub.api;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code GET /api/v1/search}: full-text search with filters, facets and cursor paging. */
final class SearchRoute {

  private final QueryService query;

  private SearchRoute(QueryService query) {
    this.query = query;
  }

  static void mount(Endpoints endpoints, QueryService query) {
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/search",
        "search",
        RoleCheck.anyOf(Role.AGENT),
        new SearchRoute(query)::search);
  }

  private void search(RoutingContext ctx) {
    Responses.json(ctx, query.search(request(ctx)), SearchResult::toJson);
  }

  private static SearchRequest request(RoutingContext ctx) {
    String q = Params.query(ctx, "q");
    String text = q == null || q.isBlank() ? null : q;
    String customerId = Params.query(ctx, "customerId");
    String direction = Params.query(ctx, "direction");
    String sort = Params.query(ctx, "sort");
    return new SearchRequest(
        text,
        customerId == null ? null : Set.of(customerId),
        channels(Params.queryList(ctx, "channel")),
        direction == null
            ? null
            : Direction.fromWireName(direction).orElseThrow(() -> unknown("direction", direction)),
        Params.query(ctx, "conversationId"),
        instant(ctx, "from"),
        instant(ctx, "to"),
        sort == null
            ? (text == null ? SearchRequest.Sort.TIME : SearchRequest.Sort.RELEVANCE)
            : SearchRequest.Sort.valueOf(sort.toUpperCase(Locale.ROOT)),
        Params.query(ctx, "cursor"),
        Params.queryInt(ctx, "limit", SearchRequest.DEFAULT_LIMIT));
  }

  private static Set<Channel> channels(List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    names.forEach(
        n -> channels.add(Channel.fromWireName(n).orElseThrow(() -> unknown("channel", n))));
    return channels;
  }

  private static IllegalArgumentException unknown(String name, String value) {
    return new IllegalArgumentException(name + ": unknown value '" + value + "'");
  }

  private static Instant instant(RoutingContext ctx, String name) {
    String value = Params.query(ctx, name);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": '" + value + "' is not an ISO-8601 instant");
    }
  }
}
