package io.contacthub.hub.customers;

import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.identity.IdentityNormalizer;
import io.contacthub.hub.ingest.CustomerChanges;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.Ids;
import io.contacthub.hub.model.NormalizedIdentity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies CRM rows to customers: each row finds its customer by any of its identities (or creates
 * one), sets the CRM attributes it carries, and the value segments are recomputed over everyone.
 * All of it is one decision on the ingest writer and one log record, so an import is atomic and
 * durable, and a repeated import finds nothing to change.
 */
public final class CustomerImport {

  private final CustomerChanges changes;
  private final IdentityNormalizer normalizer;
  private final CustomerValueOptions options;

  public CustomerImport(
      CustomerChanges changes, IdentityNormalizer normalizer, CustomerValueOptions options) {
    this.changes = changes;
    this.normalizer = normalizer;
    this.options = options;
  }

  public CustomerValueOptions options() {
    return options;
  }

  /** Normalizes every identity first (a bad one is a 400 before anything is applied). */
  public Future<ImportSummary> apply(List<CrmRecord> rows) {
    List<List<NormalizedIdentity>> ids = new ArrayList<>();
    for (CrmRecord r : rows) {
      try {
        ids.add(r.identities().stream().map(normalizer::normalize).toList());
      } catch (HubException e) {
        return Future.failedFuture(HubException.badRequest("line " + r.line() + ": " + e.detail()));
      }
    }
    return changes.changeCustomers(directory -> decide(directory, rows, ids));
  }

  private CustomerChanges.Decision<ImportSummary> decide(
      CustomerDirectory directory, List<CrmRecord> rows, List<List<NormalizedIdentity>> ids) {
    Map<String, Customer> changed = new LinkedHashMap<>();
    Map<String, String> newOwners = new HashMap<>();
    List<JsonObject> conflicts = new ArrayList<>();
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    for (int n = 0; n < rows.size(); n++) {
      CrmRecord row = rows.get(n);
      Set<String> owners = new LinkedHashSet<>();
      for (NormalizedIdentity i : ids.get(n)) {
        String owner =
            directory
                .ownerOf(i)
                .flatMap(o -> directory.root(o).map(Customer::id))
                .orElse(newOwners.get(i.key()));
        if (owner != null) {
          owners.add(owner);
        }
      }
      if (owners.size() > 1) {
        conflicts.add(
            new JsonObject()
                .put("line", row.line())
                .put("reason", "its identities belong to different customers")
                .put("customerIds", new JsonArray(List.copyOf(owners))));
        continue;
      }
      Customer before =
          owners.isEmpty()
              ? null
              : changed.getOrDefault(
                  owners.iterator().next(), directory.get(owners.iterator().next()).orElse(null));
      Customer after = applyRow(before, row, ids.get(n), directory, newOwners);
      if (before == null) {
        created++;
        after.identities().forEach(i -> newOwners.put(i.key(), after.id()));
      } else if (after.equals(before)) {
        unchanged++;
        continue;
      } else {
        updated++;
      }
      changed.put(after.id(), after);
    }
    Map<String, Customer> everyone = new LinkedHashMap<>();
    directory.roots().forEach(c -> everyone.put(c.id(), c));
    everyone.putAll(changed);
    List<Customer> resegmented =
        ValueSegments.recompute(everyone.values(), options.highValueShare());
    resegmented.forEach(c -> changed.put(c.id(), c));
    return new CustomerChanges.Decision<>(
        List.copyOf(changed.values()),
        new ImportSummary(rows.size(), created, updated, unchanged, resegmented.size(), conflicts));
  }

  private Customer applyRow(
      Customer before,
      CrmRecord row,
      List<NormalizedIdentity> ids,
      CustomerDirectory directory,
      Map<String, String> newOwners) {
    JsonObject attrs = before == null ? new JsonObject() : before.attributes().copy();
    row.free().forEach(e -> attrs.put(e.getKey(), e.getValue()));
    if (row.revenue() != null) {
      attrs.put(CustomerAttributes.REVENUE, row.revenue());
    }
    if (row.products() != null) {
      attrs.put(CustomerAttributes.PRODUCTS, new JsonArray(row.products()));
    }
    if (row.tags() != null) {
      attrs.put(CustomerAttributes.TAGS, new JsonArray(row.tags()));
    }
    if (row.accountOwner() != null) {
      attrs.put(CustomerAttributes.ACCOUNT_OWNER, row.accountOwner());
    }
    CustomerValue.recompute(attrs, options);
    if (before == null) {
      return new Customer(Ids.next(), row.name(), ids, Instant.now(), null, attrs);
    }
    // Identities the CRM knows and nobody has yet join the customer, unverified.
    List<NormalizedIdentity> identities = new ArrayList<>(before.identities());
    for (NormalizedIdentity i : ids) {
      if (directory.ownerOf(i).isEmpty()
          && !newOwners.containsKey(i.key())
          && identities.stream().noneMatch(x -> x.key().equals(i.key()))) {
        identities.add(i);
      }
    }
    return new Customer(
        before.id(),
        row.name() != null ? row.name() : before.displayName(),
        identities,
        before.createdAt(),
        before.mergedInto(),
        attrs);
  }
}
