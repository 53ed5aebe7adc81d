package io.contacthub.connector.phone.cdr;

import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.phone.call.CallInteractions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts past calls on the timeline. Idempotent through the hub's dedupe on the call id: importing
 * the same log again reports every call as a duplicate and stores nothing new.
 */
public final class CdrImporter {

  private static final Logger LOG = LoggerFactory.getLogger(CdrImporter.class);

  /** Calls in flight at once: enough to fill the hub's group commits, not to flood its queue. */
  private static final int CHUNK = 32;

  /** The answer to an import. */
  public record Report(
      int imported, int duplicates, int skipped, List<CdrBatch.Rejected> rejected) {

    public JsonObject toJson() {
      JsonArray r = new JsonArray();
      rejected.forEach(
          x -> r.add(new JsonObject().put("line", x.line()).put("reason", x.reason())));
      return new JsonObject()
          .put("imported", imported)
          .put("duplicates", duplicates)
          .put("skipped", skipped)
          .put("rejected", r);
    }
  }

  private final ConnectorContext ctx;
  private final CallInteractions interactions;

  public CdrImporter(ConnectorContext ctx, CallInteractions interactions) {
    this.ctx = ctx;
    this.interactions = interactions;
  }

  public Future<Report> importBatch(CdrBatch batch) {
    AtomicInteger imported = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    List<CdrBatch.Rejected> failed = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CdrBatch.Row> calls = batch.calls();
    // Chained chunk by chunk, built in a loop: no recursion, however long the log.
    Future<Void> done = Future.succeededFuture();
    for (int from = 0; from < calls.size(); from += CHUNK) {
      List<CdrBatch.Row> chunk = calls.subList(from, Math.min(from + CHUNK, calls.size()));
      done =
          done.compose(
              v ->
                  Future.join(
                          chunk.stream()
                              .map(
                                  row ->
                                      ctx.ingest(interactions.interaction(row.call()))
                                          .onSuccess(
                                              a ->
                                                  (a.duplicate() ? duplicates : imported)
                                                      .incrementAndGet())
                                          .onFailure(
                                              e -> {
                                                LOG.warn(
                                                    "call on line {} not imported", row.line(), e);
                                                failed.add(
                                                    new CdrBatch.Rejected(
                                                        row.line(),
                                                        "not stored, import again: "
                                                            + e.getMessage()));
                                              }))
                              .toList())
                      .otherwiseEmpty()
                      .mapEmpty());
    }
    return done.map(
        v -> {
          List<CdrBatch.Rejected> rejected = new ArrayList<>(batch.rejected());
          rejected.addAll(failed);
          return new Report(imported.get(), duplicates.get(), batch.skipped(), rejected);
        });
  }
}
