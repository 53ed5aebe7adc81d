package io.contacthub.hub.customers;

import io.contacthub.hub.model.Customer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value segment: the top share of customers by revenue (20% by default, the few that usually
 * bring most of it) are {@code high}, the other customers with a revenue {@code standard}.
 * Customers tied with the last one in the top share are high too, so equal customers never land in
 * different segments.
 */
final class ValueSegments {

  private ValueSegments() {}

  /**
   * The customers whose segment changes, given every root customer as it will be ({@code current}).
   */
  static List<Customer> recompute(Collection<Customer> current, double highShare) {
    List<Customer> withRevenue =
        current.stream()
            .filter(
                c -> CustomerAttributes.number(c.attributes(), CustomerAttributes.REVENUE) != null)
            .sorted(Comparator.comparingDouble(ValueSegments::revenue).reversed())
            .toList();
    if (withRevenue.isEmpty()) {
      return List.of();
    }
    int top = Math.max(1, (int) Math.ceil(withRevenue.size() * highShare));
    double threshold = revenue(withRevenue.get(top - 1));
    List<Customer> changed = new ArrayList<>();
    for (Customer c : withRevenue) {
      String segment =
          revenue(c) >= threshold ? CustomerValueOptions.HIGH : CustomerValueOptions.STANDARD;
      if (!Objects.equals(segment, c.attributes().getString(CustomerAttributes.SEGMENT))) {
        changed.add(with(c, Map.of(CustomerAttributes.SEGMENT, segment)));
      }
    }
    return changed;
  }

  private static double revenue(Customer c) {
    return CustomerAttributes.number(c.attributes(), CustomerAttributes.REVENUE);
  }

  static Customer with(Customer c, Map<String, Object> put) {
    JsonObject attrs = c.attributes().copy();
    put.forEach(attrs::put);
    return new Customer(
        c.id(), c.displayName(), c.identities(), c.createdAt(), c.mergedInto(), attrs);
  }
}
