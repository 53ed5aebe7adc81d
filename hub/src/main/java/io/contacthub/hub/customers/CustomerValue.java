package io.contacthub.hub.customers;

import static io.contacthub.hub.customers.CustomerAttributes.REVENUE;
import static io.contacthub.hub.customers.CustomerAttributes.VALUE;

import io.vertx.core.json.JsonObject;

/**
 * A customer's value: the revenue the CRM reports minus what serving them has cost so far. Kept as
 * an attribute so offer conditions and routing read it without computing anything.
 */
final class CustomerValue {

  private CustomerValue() {}

  /** Sets {@code costToServe} and {@code value} from the counts and revenue in {@code attrs}. */
  static void recompute(JsonObject attrs, CustomerValueOptions options) {
    double cost = CustomerActivity.costToServe(attrs, options);
    CustomerActivity.putCost(attrs, cost);
    Double revenue = CustomerAttributes.number(attrs, REVENUE);
    attrs.put(VALUE, Math.round(((revenue == null ? 0 : revenue) - cost) * 100) / 100.0);
  }
}
