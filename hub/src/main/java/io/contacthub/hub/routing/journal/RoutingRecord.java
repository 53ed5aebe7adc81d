package io.contacthub.hub.routing.journal;

import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.engine.Changes;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.metrics.Outcome;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One journal entry: the new state of everything a batch of routing operations touched (items,
 * agents), the outcomes they produced and the interaction-log position consumed. Like the
 * interaction log's change records, it carries outcomes, not decisions: replay never decides again.
 * A closed item is written as {@code {"id": ..., "closed": true}}.
 */
public final class RoutingRecord {

  private RoutingRecord() {}

  /** Encodes what {@code changes} touched, as it stands now in {@code state}. */
  public static byte[] encode(Changes changes, RoutingState state) {
    JsonArray items = new JsonArray();
    for (String id : changes.itemIds()) {
      items.add(
          state
              .item(id)
              .map(WorkItem::toJson)
              .orElseGet(() -> new JsonObject().put("id", id).put("closed", true)));
    }
    JsonArray agents = new JsonArray();
    changes.agentLogins().forEach(l -> state.agent(l).ifPresent(a -> agents.add(a.toJson())));
    JsonArray outcomes = new JsonArray();
    changes.outcomes().forEach(o -> outcomes.add(o.toJson()));
    JsonObject last = new JsonObject();
    changes.lastAgents().forEach(last::put);
    return new JsonObject()
        .put("consumedSeq", state.consumedSeq())
        .put("items", items)
        .put("agents", agents)
        .put("outcomes", outcomes)
        .put("lastAgents", last)
        .toBuffer()
        .getBytes();
  }

  /** Applies an entry (replay) or a snapshot, which has the same shape. */
  public static void apply(JsonObject j, RoutingState state) {
    j.getJsonArray("items", new JsonArray())
        .forEach(
            o -> {
              JsonObject x = (JsonObject) o;
              if (x.getBoolean("closed", false)) {
                state.item(x.getString("id")).ifPresent(w -> state.change(w, WorkItem::close));
              } else {
                state.put(WorkItem.fromJson(x));
              }
            });
    j.getJsonArray("agents", new JsonArray())
        .forEach(o -> state.putAgent(Agent.fromJson((JsonObject) o)));
    j.getJsonArray("outcomes", new JsonArray())
        .forEach(o -> state.addOutcome(Outcome.fromJson((JsonObject) o)));
    j.getJsonObject("lastAgents", new JsonObject())
        .forEach(e -> state.rememberLastAgent(e.getKey(), (String) e.getValue()));
    state.consumed(Math.max(state.consumedSeq(), j.getLong("consumedSeq", -1L)));
  }

  public static void apply(byte[] bytes, RoutingState state) {
    apply(Buffer.buffer(bytes).toJsonObject(), state);
  }
}
