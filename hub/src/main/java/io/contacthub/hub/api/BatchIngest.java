package io.contacthub.hub.api;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/interactions:batch}: every item is checked against the schema of a single
 * ingest and mapped on its own ({@link InteractionMapper}), the good ones are stored with one
 * {@link IngestService#ingestBatch} call, and each item gets its own result, in order. A bad item
 * never fails the others: the service settles every item on its own. A body that is not a batch (no
 * {@code items}, more than {@value #MAX_ITEMS}, an item that is not an object) fails whole, as the
 * contract's schema of the request says.
 */
final class BatchIngest {

  static final int MAX_ITEMS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(BatchIngest.class);

  private final IngestService ingest;

  BatchIngest(IngestService ingest) {
    this.ingest = ingest;
  }

  /** One result per item: the accepted ids, or {@code {"error": {status, detail}}}. */
  Future<JsonArray> ingest(Vertx vertx, Buffer body, boolean htmlAllowed) {
    // Up to 16 MB of JSON: decoded and checked on the worker pool, off the event loop.
    return vertx.executeBlocking(() -> parse(body, htmlAllowed), false).compose(this::store);
  }

  /** Each item as an {@link InboundInteraction} or the {@link HubException} that refused it. */
  private static List<Object> parse(Buffer body, boolean htmlAllowed) {
    JsonArray items = items(JsonBodies.object(body));
    List<Object> parsed = new ArrayList<>(items.size());
    for (Object item : items) {
      try {
        parsed.add(InteractionMapper.fromJson((JsonObject) item, htmlAllowed));
      } catch (HubException e) {
        parsed.add(e);
      }
    }
    return parsed;
  }

  /** The request's {@code items}, checked against the batch schema of the contract. */
  static JsonArray items(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!field.equals("items")) {
        throw HubException.badRequest(field + ": is not a known property");
      }
    }
    if (!body.containsKey("items")) {
      throw HubException.badRequest("items: is required");
    }
    if (!(body.getValue("items") instanceof JsonArray items)) {
      throw HubException.badRequest("items: must be an array");
    }
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw HubException.badRequest(
          "items: a batch has 1 to " + MAX_ITEMS + " items, not " + items.size());
    }
    for (int i = 0; i < items.size(); i++) {
      if (!(items.getValue(i) instanceof JsonObject)) {
        throw HubException.badRequest("items[" + i + "]: must be an object");
      }
    }
    return items;
  }

  private Future<JsonArray> store(List<Object> parsed) {
    List<InboundInteraction> valid =
        parsed.stream()
            .filter(InboundInteraction.class::isInstance)
            .map(InboundInteraction.class::cast)
            .toList();
    if (valid.isEmpty()) {
      return Future.succeededFuture(render(parsed, List.of()));
    }
    return ingest
        .ingestBatch(valid)
        .map(
            each -> {
              List<Object> results = new ArrayList<>(each.size());
              for (Future<Accepted> f : each) {
                results.add(f.succeeded() ? f.result() : asItemFailure(f.cause()));
              }
              return results;
            })
        .map(results -> render(parsed, results));
  }

  private static HubException asItemFailure(Throwable cause) {
    if (cause instanceof HubException h) {
      return h;
    }
    LOG.error("batch item failed", cause);
    return new HubException(500, "Internal Server Error", Problem.INTERNAL_DETAIL);
  }

  private static JsonArray render(List<Object> parsed, List<Object> stored) {
    Iterator<Object> results = stored.iterator();
    JsonArray out = new JsonArray();
    for (Object item : parsed) {
      Object result = item instanceof HubException ? item : results.next();
      out.add(
          result instanceof Accepted a
              ? InteractionMapper.toJson(a)
              : itemError((HubException) result));
    }
    return out;
  }

  private static JsonObject itemError(HubException e) {
    return new JsonObject()
        .put("error", new JsonObject().put("status", e.status()).put("detail", e.detail()));
  }
}
