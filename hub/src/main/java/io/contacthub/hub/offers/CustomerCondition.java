package io.contacthub.hub.offers;

import io.contacthub.hub.customers.CustomerAttributes;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * What a customer must be for an offer: in one of the segments, with a value in range, holding one
 * of the products, carrying one of the tags. An empty or null part does not restrict.
 */
public record CustomerCondition(
    Set<String> segments,
    Double minValue,
    Double maxValue,
    Set<String> productsAny,
    Set<String> tagsAny) {

  public static final CustomerCondition ANY =
      new CustomerCondition(Set.of(), null, null, Set.of(), Set.of());

  public CustomerCondition {
    segments = Set.copyOf(segments);
    productsAny = Set.copyOf(productsAny);
    tagsAny = Set.copyOf(tagsAny);
  }

  /** A customer without the attribute a part asks about does not match that part. */
  public boolean test(JsonObject attributes) {
    String segment = CustomerAttributes.string(attributes, CustomerAttributes.SEGMENT);
    if (!segments.isEmpty() && (segment == null || !segments.contains(segment))) {
      return false;
    }
    if (minValue != null || maxValue != null) {
      Double value = CustomerAttributes.number(attributes, CustomerAttributes.VALUE);
      if (value == null
          || (minValue != null && value < minValue)
          || (maxValue != null && value > maxValue)) {
        return false;
      }
    }
    return anyOf(productsAny, CustomerAttributes.strings(attributes, CustomerAttributes.PRODUCTS))
        && anyOf(tagsAny, CustomerAttributes.strings(attributes, CustomerAttributes.TAGS));
  }

  private static boolean anyOf(Set<String> wanted, List<String> held) {
    return wanted.isEmpty() || held.stream().anyMatch(wanted::contains);
  }
}
