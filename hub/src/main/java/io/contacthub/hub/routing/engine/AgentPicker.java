package io.contacthub.hub.routing.engine;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.agents.Presence;
import java.util.Map;
import java.util.Set;

/** Finds who can take a contact now: available, free capacity on its channel, the skill. */
final class AgentPicker {

  private final RoutingState state;
  private final Map<Channel, Integer> defaultCapacity;

  AgentPicker(RoutingState state, Map<Channel, Integer> defaultCapacity) {
    this.state = state;
    this.defaultCapacity = defaultCapacity;
  }

  /** Whether the agent can take one more contact on {@code channel} (skills aside). */
  boolean hasRoom(Agent a, Channel channel) {
    return a.presence() == Presence.AVAILABLE
        && state.load(a.login(), channel) < a.capacityFor(channel, defaultCapacity);
  }

  /**
   * The longest-idle agent (earliest {@code idleSince}, then login, so ties are deterministic) with
   * the skill and room, who has not declined this contact; null if none.
   */
  Agent longestIdle(String skill, Channel channel, Set<String> excluded) {
    Agent best = null;
    // With a skill, only its holders are visited: a queue's pool, not every agent.
    Iterable<Agent> pool =
        skill == null
            ? state.agents()
            : () ->
                state.agentsWithSkill(skill).stream()
                    .map(l -> state.agent(l).orElseThrow())
                    .iterator();
    for (Agent a : pool) {
      if (!a.canServe(skill) || excluded.contains(a.login()) || !hasRoom(a, channel)) {
        continue;
      }
      if (best == null
          || a.idleSince().isBefore(best.idleSince())
          || (a.idleSince().equals(best.idleSince()) && a.login().compareTo(best.login()) < 0)) {
        best = a;
      }
    }
    return best;
  }
}
