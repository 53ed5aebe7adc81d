package io.contacthub.hub.api;

import io.contacthub.connector.Channel;
import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.events.ConversationRoster;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.InboxRequest;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/conversations}: the inbox, latest activity first, with cursor paging; narrowed
 * to the caller's own conversations or their queues by routing's live view, which also says where
 * each listed conversation waits and who holds it.
 */
final class InboxRoute {

  private static final int DEFAULT_LIMIT = 50;

  private final QueryService query;
  private final ConversationRoster roster;

  private InboxRoute(QueryService query, ConversationRoster roster) {
    this.query = query;
    this.roster = roster;
  }

  static void mount(Endpoints endpoints, QueryService query, ConversationRoster roster) {
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/conversations",
        "listConversations",
        RoleCheck.anyOf(Role.AGENT),
        new InboxRoute(query, roster)::list);
  }

  private void list(RoutingContext ctx) {
    InboxRequest request =
        new InboxRequest(
            wireSet(ctx, "status", ConversationStatus.class, ConversationStatus::fromWireName),
            wireSet(ctx, "channel", Channel.class, Channel::fromWireName),
            scope(Params.query(ctx, "view"), AuthHandler.caller(ctx).login()),
            Params.query(ctx, "cursor"),
            Params.queryInt(ctx, "limit", DEFAULT_LIMIT));
    Responses.json(ctx, query.inbox(request), page -> withRouting(page.toJson()));
  }

  /**
   * The conversations a view holds: {@code mine} are offered or assigned to the caller, {@code
   * queues} adds those waiting in a queue the caller serves (the same sets the live stream's filter
   * modes deliver), {@code all} (or none) does not narrow.
   */
  private Predicate<Conversation> scope(String view, String login) {
    Predicate<Conversation> mine = c -> roster.holders(c.id()).contains(login);
    return switch (view == null ? "all" : view) {
      case "all" -> null;
      case "mine" -> mine;
      case "queues" ->
          mine.or(
              c -> {
                String queue = roster.waitingIn(c.id());
                return queue != null && roster.serves(login, queue);
              });
      default -> throw HubException.badRequest("view: unknown value '" + view + "'");
    };
  }

  /** Adds {@code queue}, {@code assignedTo} and {@code offeredTo} to each item. */
  private JsonObject withRouting(JsonObject page) {
    for (Object o : page.getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      String id = item.getString("conversationId");
      Set<String> holders = new TreeSet<>(roster.holders(id));
      Set<String> assigned = new TreeSet<>(roster.assignees(id));
      holders.removeAll(assigned);
      item.put("queue", roster.waitingIn(id))
          .put("assignedTo", new JsonArray(List.copyOf(assigned)))
          .put("offeredTo", new JsonArray(List.copyOf(holders)));
    }
    return page;
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
