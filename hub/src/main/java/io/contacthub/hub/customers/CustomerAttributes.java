package io.contacthub.hub.customers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The names of the customer attributes this package writes, and typed reads of them. Other modules
 * read {@code segment} and {@code accountOwner} (routing) and the rest (offers) from {@code
 * Customer.attributes()}.
 */
public final class CustomerAttributes {

  // From the CRM import.
  public static final String REVENUE = "revenue";
  public static final String PRODUCTS = "products";
  public static final String TAGS = "tags";
  public static final String ACCOUNT_OWNER = "accountOwner";

  // Computed by the hub.
  public static final String INTERACTION_COUNTS = "interactionCounts";
  public static final String PREFERRED_CHANNEL = "preferredChannel";
  public static final String HANDLE_TIME_SECONDS = "handleTimeSeconds";
  public static final String COST_TO_SERVE = "costToServe";
  public static final String VALUE = "value";
  public static final String SEGMENT = "segment";
  public static final String OFFER_HISTORY = "offerHistory";

  /** Names an import may not set as free attributes: the hub computes them. */
  public static final Set<String> COMPUTED =
      Set.of(
          INTERACTION_COUNTS,
          PREFERRED_CHANNEL,
          HANDLE_TIME_SECONDS,
          COST_TO_SERVE,
          VALUE,
          SEGMENT,
          OFFER_HISTORY);

  private CustomerAttributes() {}

  /** A number attribute, or null when absent or not a number. */
  public static Double number(JsonObject attributes, String name) {
    return attributes.getValue(name) instanceof Number n ? n.doubleValue() : null;
  }

  /** A list-of-strings attribute; empty when absent. */
  public static List<String> strings(JsonObject attributes, String name) {
    return attributes.getValue(name) instanceof JsonArray a
        ? a.stream().map(String::valueOf).toList()
        : List.of();
  }

  public static String string(JsonObject attributes, String name) {
    return attributes.getValue(name) instanceof String s ? s : null;
  }
}
