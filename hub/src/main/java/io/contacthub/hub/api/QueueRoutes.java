package io.contacthub.hub.api;

import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.RoutingService;
import io.contacthub.hub.routing.metrics.QueueStats;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;

/** {@code /api/v1/queues/...}: the live queue metrics and a queue's contacts, for supervisors. */
final class QueueRoutes {

  private static final RoleCheck SUPERVISORS = RoleCheck.anyOf(Role.SUPERVISOR);

  private final RoutingService routing;

  private QueueRoutes(RoutingService routing) {
    this.routing = routing;
  }

  static void mount(Endpoints endpoints, RoutingService routing) {
    QueueRoutes routes = new QueueRoutes(routing);
    // Before /queues/{name}: the literal path wins.
    endpoints.read(
        HttpMethod.GET, "/api/v1/queues/stats", "getQueueStats", SUPERVISORS, routes::stats);
    endpoints.read(HttpMethod.GET, "/api/v1/queues/{name}", "getQueue", SUPERVISORS, routes::queue);
  }

  private void stats(RoutingContext ctx) {
    Responses.json(ctx, routing.stats(), QueueStats::toJson);
  }

  private void queue(RoutingContext ctx) {
    String name = Params.path(ctx, "name");
    Responses.json(
        ctx,
        routing.read(
            e -> {
              var def =
                  e.rules()
                      .byName(name)
                      .orElseThrow(() -> HubException.notFound("no queue " + name));
              JsonArray items = new JsonArray();
              e.state().items().stream()
                  .filter(w -> w.queue().equals(name))
                  .sorted(Comparator.comparing(WorkItem::enqueuedAt).thenComparing(WorkItem::id))
                  .forEach(w -> items.add(w.toJson()));
              return new JsonObject().put("queue", def.toJson()).put("items", items);
            }),
        j -> j);
  }
}
