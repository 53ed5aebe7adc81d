package io.contacthub.hub.customers;

import io.contacthub.connector.Identity;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One row of a CRM import. A null field leaves the customer's attribute as it is; a given one
 * replaces it, so importing the same rows twice gives the same state.
 *
 * @param line the row's line number in the upload, for error reports
 * @param free attributes the hub does not interpret
 */
public record CrmRecord(
    int line,
    List<Identity> identities,
    String name,
    Double revenue,
    List<String> products,
    List<String> tags,
    String accountOwner,
    JsonObject free) {

  public CrmRecord {
    identities = List.copyOf(identities);
    products = products == null ? null : List.copyOf(products);
    tags = tags == null ? null : List.copyOf(tags);
    free = free == null ? new JsonObject() : free;
  }
}
