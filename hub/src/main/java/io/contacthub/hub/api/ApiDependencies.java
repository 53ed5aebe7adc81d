package io.contacthub.hub.api;

import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.auth.AuthOptions;
import io.contacthub.hub.auth.UserStore;
import io.contacthub.hub.calls.CallDispositions;
import io.contacthub.hub.canned.CannedResponses;
import io.contacthub.hub.customers.CustomerImport;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.log.InteractionLog;
import io.contacthub.hub.offers.Offers;
import io.contacthub.hub.query.QueryService;
import io.contacthub.hub.reply.ConversationSignals;
import io.contacthub.hub.reply.ReplyService;
import io.contacthub.hub.routing.RoutingService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the HTTP API needs from the rest of the hub.
 *
 * @param callDispositions the codes agents may give a call ({@code phone.dispositions})
 * @param metrics scraped by {@code GET /metrics}
 * @param routing queues, agents and assignments; null mounts none of their routes (API tests)
 * @param readiness answers {@code GET /health/ready}: a JSON body with {@code "status": "UP"} (or
 *     no status) means ready, {@code "DOWN"} or a failed future means not ready (503)
 * @param offers the offer rules, answers and counts; null: the offer routes are not mounted
 * @param customerImport the CRM import; null: its route is not mounted
 * @param cannedResponses the composer's canned responses; null: their route is not mounted
 * @param signals agents' typing and read signals; null: their routes are not mounted
 * @param streamHistory the hub's log, which the live stream catches reconnecting clients up from;
 *     null: a client that asks to resume gets {@code stream.reset}
 */
public record ApiDependencies(
    IngestService ingest,
    QueryService query,
    ReplyService replies,
    CallDispositions callDispositions,
    AttachmentStore attachments,
    UserStore users,
    AuthOptions auth,
    ApiOptions options,
    PrometheusMeterRegistry metrics,
    RoutingService routing,
    Supplier<Future<JsonObject>> readiness,
    Offers offers,
    CustomerImport customerImport,
    CannedResponses cannedResponses,
    ConversationSignals signals,
    InteractionLog streamHistory) {

  public ApiDependencies {
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(replies, "replies");
    Objects.requireNonNull(callDispositions, "callDispositions");
    Objects.requireNonNull(attachments, "attachments");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(readiness, "readiness");
  }
}
