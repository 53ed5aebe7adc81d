package io.contacthub.connector.phone.pop;

import java.util.HashSet;
import java.util.Set;

/** Who a screen-pop went to: named agents, or every available agent. */
public record Audience(boolean everyone, Set<String> agents) {

  public static final Audience EVERYONE = new Audience(true, Set.of());
  public static final Audience NOBODY = new Audience(false, Set.of());

  public Audience {
    agents = Set.copyOf(agents);
  }

  public static Audience of(Set<String> logins) {
    return new Audience(false, logins);
  }

  public boolean isEmpty() {
    return !everyone && agents.isEmpty();
  }

  /** The {@code LiveEvent.agents} value: empty means everyone. */
  public Set<String> eventAgents() {
    return everyone ? Set.of() : agents;
  }

  public Audience plus(Audience other) {
    if (everyone || other.everyone) {
      return EVERYONE;
    }
    Set<String> all = new HashSet<>(agents);
    all.addAll(other.agents);
    return of(all);
  }

  /** Who in {@code other} has not had the pop yet. */
  public Audience notYetIn(Audience other) {
    if (everyone) {
      return NOBODY;
    }
    if (other.everyone) {
      return EVERYONE;
    }
    Set<String> added = new HashSet<>(other.agents);
    added.removeAll(agents);
    return of(added);
  }
}
