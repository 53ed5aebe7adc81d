package io.contacthub.hub.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A customer: one person with many identities.
 *
 * @param mergedInto when this customer was merged into another, that customer's id; the old id
 *     redirects there and its interactions show on that timeline
 * @param attributes CRM attributes (segment, value, tags, ...), free-form
 */
public record Customer(
    String id,
    String displayName,
    List<NormalizedIdentity> identities,
    Instant createdAt,
    String mergedInto,
    JsonObject attributes) {

  public Customer {
    identities = identities == null ? List.of() : List.copyOf(identities);
    attributes = attributes == null ? new JsonObject() : attributes;
  }

  public JsonObject toJson() {
    return JsonTree.of(this, Customer::writeJson);
  }

  /** The fields of {@link #toJson()}, written to {@code out}. */
  public static void writeJson(Customer c, JsonOut out) {
    out.put("customerId", c.id)
        .put("displayName", c.displayName)
        .putObjects("identities", c.identities, NormalizedIdentity::writeJson)
        .put("createdAt", InstantText.of(c.createdAt))
        .put("mergedInto", c.mergedInto)
        .put("attributes", c.attributes);
  }

  public static Customer fromJson(JsonObject j) {
    return new Customer(
        j.getString("customerId"),
        j.getString("displayName"),
        j.getJsonArray("identities", new JsonArray()).stream()
            .map(o -> NormalizedIdentity.fromJson((JsonObject) o))
            .toList(),
        Instant.parse(j.getString("createdAt")),
        j.getString("mergedInto"),
        j.getJsonObject("attributes", new JsonObject()));
  }
}
