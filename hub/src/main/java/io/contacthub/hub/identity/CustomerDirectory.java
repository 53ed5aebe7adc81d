package io.contacthub.hub.identity;

import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.NormalizedIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every customer and which identity belongs to whom. Changes come only from the ingest sequencer
 * (one thread) as whole customer snapshots, in log order; reads may come from any thread.
 *
 * <p>A merge never rewrites history: the merged customer keeps its identities and points at the
 * survivor ({@code mergedInto}), so a split is the same pointer removed. Reads resolve the root.
 */
public final class CustomerDirectory {

  private final Map<String, Customer> customers = new ConcurrentHashMap<>();
  private final Map<String, String> ownerByIdentity = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> mergedMembers = new ConcurrentHashMap<>();

  /** Applies a customer snapshot (a new customer, new identities, a merge or a split). */
  public void apply(Customer c) {
    Customer previous = customers.put(c.id(), c);
    if (previous != null && previous.mergedInto() != null) {
      Set<String> set = mergedMembers.get(previous.mergedInto());
      if (set != null) {
        set.remove(c.id());
      }
    }
    if (c.mergedInto() != null) {
      mergedMembers.computeIfAbsent(c.mergedInto(), k -> ConcurrentHashMap.newKeySet()).add(c.id());
    }
    for (NormalizedIdentity i : c.identities()) {
      ownerByIdentity.put(i.key(), c.id());
    }
  }

  /**
   * Forgets a customer that was decided but never committed: cluster mode takes back a decision the
   * shared log refused.
   */
  public void remove(String id) {
    Customer c = customers.remove(id);
    if (c == null) {
      return;
    }
    if (c.mergedInto() != null) {
      Set<String> set = mergedMembers.get(c.mergedInto());
      if (set != null) {
        set.remove(id);
      }
    }
    for (NormalizedIdentity i : c.identities()) {
      ownerByIdentity.remove(i.key(), id);
    }
  }

  /** Gives an identity back to the owner it had before a refused decision (null: nobody). */
  public void restoreOwner(String identityKey, String owner) {
    if (owner == null) {
      ownerByIdentity.remove(identityKey);
    } else {
      ownerByIdentity.put(identityKey, owner);
    }
  }

  /** The (unresolved) owner of an identity key, or null. */
  public String ownerOfKey(String identityKey) {
    return ownerByIdentity.get(identityKey);
  }

  public Optional<Customer> get(String id) {
    return Optional.ofNullable(customers.get(id));
  }

  /** The customer an id resolves to after following merges. */
  public Optional<Customer> root(String id) {
    Customer c = customers.get(id);
    // Bounded: a merge chain cannot be longer than the number of customers; guard cycles anyway.
    for (int hops = 0; c != null && c.mergedInto() != null && hops < 64; hops++) {
      c = customers.get(c.mergedInto());
    }
    return Optional.ofNullable(c);
  }

  /** The (unresolved) owner of an identity. */
  public Optional<String> ownerOf(NormalizedIdentity identity) {
    return Optional.ofNullable(ownerByIdentity.get(identity.key()));
  }

  /** The root and every customer merged into it, directly or transitively. */
  public Set<String> members(String rootId) {
    Set<String> out = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(rootId));
    while (!todo.isEmpty()) {
      String id = todo.removeLast();
      if (out.add(id)) {
        todo.addAll(mergedMembers.getOrDefault(id, Set.of()));
      }
    }
    return out;
  }

  /** The customer as agents see it: the root with the identities of every merged member. */
  public Optional<Customer> view(String id) {
    return root(id)
        .map(
            r -> {
              Map<String, NormalizedIdentity> ids = new LinkedHashMap<>();
              for (String m : members(r.id())) {
                for (NormalizedIdentity i : customers.get(m).identities()) {
                  ids.merge(i.key(), i, (a, b) -> a.verified() ? a : b);
                }
              }
              return new Customer(
                  r.id(),
                  r.displayName(),
                  List.copyOf(ids.values()),
                  r.createdAt(),
                  null,
                  r.attributes());
            });
  }

  /** Every customer that is not merged into another (a live view; safe to iterate). */
  public java.util.Collection<Customer> roots() {
    return customers.values().stream().filter(c -> c.mergedInto() == null).toList();
  }

  public int size() {
    return customers.size();
  }
}
