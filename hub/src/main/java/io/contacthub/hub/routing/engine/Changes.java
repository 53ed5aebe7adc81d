package io.contacthub.hub.routing.engine;

import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.routing.metrics.Outcome;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one or more routing operations changed, collected until the service writes them to the
 * journal as one record and, once that is durable, publishes the events.
 */
public final class Changes {

  /** A live event to publish once the change is durable. */
  public record Event(HubEvent type, JsonObject payload, Audience audience) {}

  final Set<String> items = new LinkedHashSet<>();
  final Set<String> agents = new LinkedHashSet<>();
  final List<Outcome> outcomes = new ArrayList<>();
  final Map<String, String> lastAgents = new LinkedHashMap<>();
  final List<Event> events = new ArrayList<>();
  boolean seqAdvanced;

  public boolean isEmpty() {
    return items.isEmpty()
        && agents.isEmpty()
        && outcomes.isEmpty()
        && lastAgents.isEmpty()
        && events.isEmpty()
        && !seqAdvanced;
  }

  public Set<String> itemIds() {
    return items;
  }

  public Set<String> agentLogins() {
    return agents;
  }

  public Map<String, String> lastAgents() {
    return lastAgents;
  }

  public List<Event> events() {
    return events;
  }

  public List<Outcome> outcomes() {
    return outcomes;
  }

  /** Whether anything the metrics show changed (not only the consumed log position). */
  public boolean touchesState() {
    return !items.isEmpty() || !agents.isEmpty() || !outcomes.isEmpty();
  }
}
