package io.contacthub.hub.routing.engine;

import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** The live events routing emits, with their audiences: the agent concerned, supervisors. */
public final class Notices {

  private final RoutingState state;

  Notices(RoutingState state) {
    this.state = state;
  }

  void toAgent(HubEvent type, WorkItem w, String login, String reason) {
    if (login == null) {
      return;
    }
    JsonObject payload = w.toJson().put("reason", reason);
    state.emit(new Changes.Event(type, payload, Audience.users(Set.of(login))));
  }

  void presence(Agent a) {
    state.emit(
        new Changes.Event(HubEvent.AGENT_PRESENCE, a.toJson(), Audience.users(Set.of(a.login()))));
  }

  /** SLA notices go to supervisors and to the agent holding the conversation, if any. */
  public void sla(HubEvent type, WorkItem w, String target, java.time.Instant due) {
    JsonObject payload = w.toJson().put("sla", target).put("dueAt", due.toString());
    state.emit(new Changes.Event(type, payload, Audience.SUPERVISORS));
    if (w.agent() != null) {
      state.emit(new Changes.Event(type, payload.copy(), Audience.users(Set.of(w.agent()))));
    }
  }
}
