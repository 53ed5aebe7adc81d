package io.contacthub.hub.identity;

import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Ids;
import io.contacthub.hub.model.NormalizedIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who an interaction is from. One customer per identity; new identities join the sender's
 * customer; two existing customers merge only when the interaction carries a verified link (a
 * verified identity of each), because a false merge shows one person's history to another. Produces
 * snapshots and changes nothing itself.
 */
public final class CustomerResolver {

  /**
   * @param customerId the root customer the interaction belongs to
   * @param changed new snapshots of every customer the decision touched, in apply order
   */
  public record Resolution(String customerId, List<Customer> changed) {}

  private final CustomerDirectory directory;

  public CustomerResolver(CustomerDirectory directory) {
    this.directory = directory;
  }

  /**
   * @param fallbackCustomerId the customer a thread key or signed link points to; used only when no
   *     identity is known yet (a customer writing from a new address into their thread)
   */
  public Resolution resolve(
      List<NormalizedIdentity> identities,
      String displayName,
      Instant at,
      String fallbackCustomerId) {
    Map<String, NormalizedIdentity> ids = new LinkedHashMap<>();
    for (NormalizedIdentity i : identities) {
      ids.merge(i.key(), i, (a, b) -> a.verified() ? a : b);
    }
    Map<String, Customer> working = new LinkedHashMap<>();
    List<NormalizedIdentity> unknown = new ArrayList<>();
    String target = null;
    boolean targetVerified = false;
    List<NormalizedIdentity> others = new ArrayList<>();
    for (NormalizedIdentity i : ids.values()) {
      Optional<String> owner = directory.ownerOf(i);
      if (owner.isEmpty()) {
        unknown.add(i);
        continue;
      }
      String root = rootOf(owner.get(), working);
      if (target == null) {
        target = root;
      }
      if (root.equals(target)) {
        targetVerified |= i.verified();
      } else {
        others.add(i);
      }
    }
    if (target == null && fallbackCustomerId != null) {
      target = directory.root(fallbackCustomerId).map(Customer::id).orElse(null);
    }
    if (target == null) {
      Customer created =
          new Customer(Ids.next(), displayName, List.copyOf(ids.values()), at, null, null);
      return new Resolution(created.id(), List.of(created));
    }
    for (NormalizedIdentity i : others) {
      String root = rootOf(directory.ownerOf(i).orElseThrow(), working);
      if (!root.equals(target) && i.verified() && targetVerified) {
        target = merge(target, root, working);
      }
    }
    upgradeVerified(ids.values(), target, working);
    if (!unknown.isEmpty()
        || (displayName != null && customer(target, working).displayName() == null)) {
      Customer t = customer(target, working);
      List<NormalizedIdentity> all = new ArrayList<>(t.identities());
      all.addAll(unknown);
      working.put(
          target,
          new Customer(
              t.id(),
              t.displayName() == null ? displayName : t.displayName(),
              all,
              t.createdAt(),
              t.mergedInto(),
              t.attributes()));
    }
    return new Resolution(target, List.copyOf(working.values()));
  }

  /** Merges two roots; the older customer survives, so ids agents already know keep working. */
  private String merge(String a, String b, Map<String, Customer> working) {
    Customer ca = customer(a, working);
    Customer cb = customer(b, working);
    Customer survivor = ca.createdAt().isAfter(cb.createdAt()) ? cb : ca;
    Customer merged = survivor == ca ? cb : ca;
    working.put(merged.id(), mergedInto(merged, survivor.id()));
    return survivor.id();
  }

  /** A snapshot of {@code c} pointing at {@code targetId} (or at nobody, when null). */
  public static Customer mergedInto(Customer c, String targetId) {
    return new Customer(
        c.id(), c.displayName(), c.identities(), c.createdAt(), targetId, c.attributes());
  }

  /** Marks identities verified on the customers that own them when this interaction verifies. */
  private void upgradeVerified(
      Iterable<NormalizedIdentity> ids, String target, Map<String, Customer> working) {
    for (NormalizedIdentity i : ids) {
      if (!i.verified()) {
        continue;
      }
      directory
          .ownerOf(i)
          .filter(owner -> rootOf(owner, working).equals(target))
          .ifPresent(
              owner -> {
                Customer c = customer(owner, working);
                if (c.identities().stream()
                    .anyMatch(x -> x.key().equals(i.key()) && !x.verified())) {
                  List<NormalizedIdentity> updated =
                      c.identities().stream().map(x -> x.key().equals(i.key()) ? i : x).toList();
                  working.put(
                      owner,
                      new Customer(
                          c.id(),
                          c.displayName(),
                          updated,
                          c.createdAt(),
                          c.mergedInto(),
                          c.attributes()));
                }
              });
    }
  }

  private Customer customer(String id, Map<String, Customer> working) {
    Customer c = working.get(id);
    return c != null ? c : directory.get(id).orElseThrow();
  }

  private String rootOf(String id, Map<String, Customer> working) {
    Customer c = customer(id, working);
    for (int hops = 0; c.mergedInto() != null && hops < 64; hops++) {
      c = customer(c.mergedInto(), working);
    }
    return c.id();
  }
}
