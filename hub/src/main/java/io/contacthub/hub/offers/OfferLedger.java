package io.contacthub.hub.offers;

import io.contacthub.hub.customers.CustomerAttributes;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.ingest.CustomerChanges;
import io.contacthub.hub.model.Customer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each customer's offer history: decides "may this offer be shown now" and records the showing in
 * one step per customer, so two triggers at once never exceed a cap. Memory answers at once; every
 * change is also written to the customer's {@code offerHistory} attribute through the ingest writer
 * (durable, replayed after a crash), and memory is filled from there on first use.
 */
public final class OfferLedger {

  private final CustomerDirectory directory;
  private final CustomerChanges changes;
  private final Map<String, Map<String, OfferHistory>> byCustomer = new ConcurrentHashMap<>();

  public OfferLedger(CustomerDirectory directory, CustomerChanges changes) {
    this.directory = directory;
    this.changes = changes;
  }

  public OfferHistory history(String customerId, String offerId) {
    Map<String, OfferHistory> h = of(customerId);
    synchronized (h) {
      return h.getOrDefault(offerId, OfferHistory.NONE);
    }
  }

  /** Records a showing if the rule's eligibility allows it now; false when it does not. */
  public boolean tryShow(String customerId, OfferRule rule, String channel, Instant now) {
    Map<String, OfferHistory> h = of(customerId);
    synchronized (h) {
      OfferHistory before = h.getOrDefault(rule.id(), OfferHistory.NONE);
      if (!rule.eligibility().allows(before, now)) {
        return false;
      }
      h.put(rule.id(), before.withShown(now, channel));
    }
    persist(customerId, rule.id());
    return true;
  }

  /** Records the customer's answer; the future completes when it is durable. */
  public Future<OfferHistory> answer(
      String customerId, String offerId, boolean accepted, Instant at) {
    Map<String, OfferHistory> h = of(customerId);
    OfferHistory after;
    synchronized (h) {
      OfferHistory before = h.getOrDefault(offerId, OfferHistory.NONE);
      after = accepted ? before.withAccepted(at) : before.withDeclined(at);
      h.put(offerId, after);
    }
    return persist(customerId, offerId).map(v -> after);
  }

  private Map<String, OfferHistory> of(String customerId) {
    return byCustomer.computeIfAbsent(
        customerId,
        id -> {
          Map<String, OfferHistory> m = new ConcurrentHashMap<>();
          JsonObject stored =
              directory
                  .get(id)
                  .map(c -> c.attributes().getJsonObject(CustomerAttributes.OFFER_HISTORY))
                  .orElse(null);
          if (stored != null) {
            stored.forEach(
                e -> m.put(e.getKey(), OfferHistory.fromJson((JsonObject) e.getValue())));
          }
          return m;
        });
  }

  /**
   * Writes the entry as memory has it when the writer gets to it, so of several quick changes the
   * last write carries the latest state.
   */
  private Future<Void> persist(String customerId, String offerId) {
    return changes.changeCustomers(
        dir -> {
          Customer c = dir.get(customerId).orElse(null);
          if (c == null) {
            return new CustomerChanges.Decision<Void>(List.of(), null);
          }
          JsonObject attrs = c.attributes().copy();
          JsonObject all =
              attrs.getJsonObject(CustomerAttributes.OFFER_HISTORY, new JsonObject()).copy();
          all.put(offerId, history(customerId, offerId).toJson());
          attrs.put(CustomerAttributes.OFFER_HISTORY, all);
          return new CustomerChanges.Decision<Void>(
              List.of(
                  new Customer(
                      c.id(),
                      c.displayName(),
                      c.identities(),
                      c.createdAt(),
                      c.mergedInto(),
                      attrs)),
              null);
        });
  }
}
