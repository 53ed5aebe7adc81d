package io.contacthub.hub.ingest;

import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;

/**
 * Derived customer attributes that move with every interaction (counts, handle time, cost to
 * serve): computed by the writer in the same record as the interaction, so they are exactly as
 * durable and replay never recomputes them differently.
 */
public interface CustomerEnrichment {

  CustomerEnrichment NONE = (customer, before, after) -> null;

  /**
   * The customer after {@code after} was stored, or null when nothing changes.
   *
   * @param before the interaction's previous state on an update, null for a new one
   */
  Customer afterInteraction(Customer customer, Interaction before, Interaction after);
}
