package io.contacthub.hub.api;

import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.TimelinePage;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code /api/v1/customers}: profile, lookup by identity, timeline, conversations, merge and split.
 * Agents may merge and split: they are the ones who notice two profiles are one person.
 */
final class CustomerRoutes {

  private static final RoleCheck STAFF = RoleCheck.anyOf(Role.AGENT);

  private final IngestService ingest;
  private final QueryService query;

  private CustomerRoutes(IngestService ingest, QueryService query) {
    this.ingest = ingest;
    this.query = query;
  }

  static void mount(
      Endpoints endpoints, IngestService ingest, QueryService query, ApiOptions options) {
    CustomerRoutes routes = new CustomerRoutes(ingest, query);
    endpoints.read(
        HttpMethod.GET, "/api/v1/customers", "findCustomerByIdentity", STAFF, routes::byIdentity);
    endpoints.read(HttpMethod.GET, "/api/v1/customers/{id}", "getCustomer", STAFF, routes::get);
    endpoints.read(
        HttpMethod.GET, "/api/v1/customers/{id}/timeline", "getTimeline", STAFF, routes::timeline);
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/customers/{id}/conversations",
        "listCustomerConversations",
        STAFF,
        routes::conversations);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/customers/{id}/merge",
        "mergeCustomer",
        options.maxBodyBytes(),
        STAFF,
        routes::merge);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/customers/{id}/split",
        "splitCustomer",
        options.maxBodyBytes(),
        STAFF,
        routes::split);
  }

  private void byIdentity(RoutingContext ctx) {
    Responses.json(ctx, query.customerByIdentity(Params.query(ctx, "identity")), Customer::toJson);
  }

  private void get(RoutingContext ctx) {
    Responses.json(ctx, query.customer(Params.path(ctx, "id")), Customer::toJson);
  }

  private void timeline(RoutingContext ctx) {
    Responses.encoded(
        ctx,
        query.timeline(
            Params.path(ctx, "id"),
            Params.query(ctx, "cursor"),
            Params.queryInt(ctx, "limit", SearchRequest.DEFAULT_LIMIT)),
        TimelinePage::toBuffer);
  }

  private void conversations(RoutingContext ctx) {
    Responses.json(ctx, query.conversationsOf(Params.path(ctx, "id")), CustomerRoutes::items);
  }

  private void merge(RoutingContext ctx) {
    Responses.json(
        ctx, ingest.merge(Params.path(ctx, "id"), sourceCustomerId(ctx)), Customer::toJson);
  }

  private void split(RoutingContext ctx) {
    Responses.json(
        ctx, ingest.split(Params.path(ctx, "id"), sourceCustomerId(ctx)), Customer::toJson);
  }

  private static String sourceCustomerId(RoutingContext ctx) {
    return Contract.validated(ctx).getBody().getJsonObject().getString("sourceCustomerId");
  }

  private static JsonObject items(List<Conversation> conversations) {
    JsonArray items = new JsonArray();
    conversations.forEach(c -> items.add(c.toJson()));
    return new JsonObject().put("items", items);
  }
}
