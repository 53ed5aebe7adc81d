package io.contacthub.hub.api;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/interactions:batch}: every item is validated against the schema of a single
 * ingest and mapped on its own, the good ones are stored with one {@link IngestService#ingestBatch}
 * call, and each item gets its own result, in order. A bad item never fails the others: the service
 * settles every item on its own.
 */
final class BatchIngest {

  private static final Logger LOG = LoggerFactory.getLogger(BatchIngest.class);
  private static final String ITEM_OPERATION = "ingestInteraction";

  private final IngestService ingest;
  private final Contract contract;

  BatchIngest(IngestService ingest, Contract contract) {
    this.ingest = ingest;
    this.contract = contract;
  }

  /** One result per item: the accepted ids, or {@code {"error": {status, detail}}}. */
  Future<JsonArray> ingest(Vertx vertx, JsonArray items, boolean htmlAllowed) {
    return contract
        .bodyValidator(ITEM_OPERATION)
        .compose(v -> vertx.executeBlocking(() -> parse(v, items, htmlAllowed), false))
        .compose(this::store);
  }

  /** Each item as an {@link InboundInteraction} or the {@link HubException} that refused it. */
  private static List<Object> parse(Validator validator, JsonArray items, boolean htmlAllowed) {
    List<Object> parsed = new ArrayList<>(items.size());
    for (Object item : items) {
      OutputUnit result = validator.validate(item);
      if (!Boolean.TRUE.equals(result.getValid())) {
        String detail = SchemaErrors.describe(result);
        parsed.add(HubException.badRequest(detail == null ? "invalid interaction" : detail));
        continue;
      }
      try {
        parsed.add(InteractionMapper.fromJson((JsonObject) item, htmlAllowed));
      } catch (HubException e) {
        parsed.add(e);
      }
    }
    return parsed;
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
