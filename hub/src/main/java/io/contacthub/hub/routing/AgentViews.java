package io.contacthub.hub.routing;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.engine.RoutingEngine;
import io.contacthub.hub.routing.queues.QueueDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** How the API shows an agent: their profile and presence, load per channel, queues served. */
public final class AgentViews {

  private AgentViews() {}

  /** The agent with their current load per channel and the queues they serve. */
  public static JsonObject agent(RoutingEngine e, Agent a) {
    JsonObject load = new JsonObject();
    for (Channel c : Channel.values()) {
      int n = e.state().load(a.login(), c);
      if (n > 0) {
        load.put(c.wireName(), n);
      }
    }
    return a.toJson().put("load", load).put("queues", queuesServed(e, a));
  }

  /**
   * The queues whose skill the agent has, in configuration order; a queue without a skill is
   * everyone's, also of an agent routing does not know yet (null).
   */
  public static JsonArray queuesServed(RoutingEngine e, Agent a) {
    JsonArray out = new JsonArray();
    for (QueueDefinition q : e.config().queues()) {
      if (q.skill() == null || (a != null && a.canServe(q.skill()))) {
        out.add(q.name());
      }
    }
    return out;
  }
}
