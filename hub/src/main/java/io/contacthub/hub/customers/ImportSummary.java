package io.contacthub.hub.customers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an import did. Importing the same rows again reports them all {@code unchanged}.
 *
 * @param conflicts rows whose identities belong to different customers: skipped, never merged
 */
public record ImportSummary(
    int received,
    int created,
    int updated,
    int unchanged,
    int segmentChanges,
    List<JsonObject> conflicts) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("received", received)
        .put("created", created)
        .put("updated", updated)
        .put("unchanged", unchanged)
        .put("segmentChanges", segmentChanges)
        .put("conflicts", new JsonArray(List.copyOf(conflicts)));
  }
}
