package io.contacthub.hub.routing;

import io.contacthub.connector.Channel;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.engine.RoutingEngine;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An operation that changes routing, as data: in cluster mode the node that takes the request may
 * not be the one that routes (decision 0021), so the operation travels to it as JSON and its answer
 * comes back the same way. {@link #apply} runs on the routing thread of the node that routes.
 */
public sealed interface RoutingCommand {

  /** Runs the operation; its answer is the response body. */
  JsonObject apply(RoutingEngine e);

  JsonObject toJson();

  /** The command {@link #toJson} wrote; a 400 when it is not one. */
  static RoutingCommand fromJson(JsonObject j) {
    String op = j.getString("op", "");
    return switch (op) {
      case "presence" ->
          new SetPresence(
              j.getString("login"),
              Presence.fromWireName(j.getString("presence"))
                  .orElseThrow(() -> HubException.badRequest("presence: unknown value")));
      case "profile" -> {
        Set<String> skills = new TreeSet<>();
        j.getJsonArray("skills", new JsonArray()).forEach(s -> skills.add((String) s));
        Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
        JsonObject cap = j.getJsonObject("capacity", new JsonObject());
        for (String key : cap.fieldNames()) {
          capacity.put(
              Channel.fromWireName(key)
                  .orElseThrow(() -> HubException.badRequest("capacity: unknown channel " + key)),
              cap.getInteger(key));
        }
        yield new SetProfile(j.getString("login"), skills, capacity);
      }
      case "accept", "decline" ->
          new AnswerOffer(j.getString("login"), j.getString("conversationId"), op.equals("accept"));
      case "transfer" ->
          new Transfer(
              j.getString("caller"),
              j.getBoolean("supervisor", false),
              j.getString("conversationId"),
              j.getString("agent"),
              j.getString("queue"));
      default -> throw HubException.badRequest("unknown routing command " + op);
    };
  }

  /** An agent sets their own presence; the answer is the agent as {@link AgentViews} shows them. */
  record SetPresence(String login, Presence presence) implements RoutingCommand {
    @Override
    public JsonObject apply(RoutingEngine e) {
      return AgentViews.agent(e, e.setPresence(login, presence));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject()
          .put("op", "presence")
          .put("login", login)
          .put("presence", presence.wireName());
    }
  }

  /** An admin sets an agent's skills and capacity per channel. */
  record SetProfile(String login, Set<String> skills, Map<Channel, Integer> capacity)
      implements RoutingCommand {
    @Override
    public JsonObject apply(RoutingEngine e) {
      return AgentViews.agent(e, e.setProfile(login, skills, capacity));
    }

    @Override
    public JsonObject toJson() {
      JsonObject cap = new JsonObject();
      capacity.forEach((c, n) -> cap.put(c.wireName(), n));
      return new JsonObject()
          .put("op", "profile")
          .put("login", login)
          .put("skills", new JsonArray(skills.stream().sorted().toList()))
          .put("capacity", cap);
    }
  }

  /** An agent accepts or declines the conversation offered to them. */
  record AnswerOffer(String login, String conversationId, boolean accept)
      implements RoutingCommand {
    @Override
    public JsonObject apply(RoutingEngine e) {
      return (accept ? e.accept(login, conversationId) : e.decline(login, conversationId)).toJson();
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject()
          .put("op", accept ? "accept" : "decline")
          .put("login", login)
          .put("conversationId", conversationId);
    }
  }

  /**
   * The agent holding a conversation, or a supervisor, hands it to another agent or queue (exactly
   * one of {@code agent} and {@code queue}).
   */
  record Transfer(
      String caller, boolean supervisor, String conversationId, String agent, String queue)
      implements RoutingCommand {
    @Override
    public JsonObject apply(RoutingEngine e) {
      WorkItem w =
          e.state()
              .openItemOf(conversationId)
              .orElseThrow(
                  () ->
                      HubException.notFound(
                          "conversation " + conversationId + " is not in routing"));
      if (!supervisor && !caller.equals(w.agent())) {
        throw new HubException(403, "Forbidden", "only its agent or a supervisor may transfer it");
      }
      return (agent != null
              ? e.transferToAgent(conversationId, agent)
              : e.transferToQueue(conversationId, queue))
          .toJson();
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject()
          .put("op", "transfer")
          .put("caller", caller)
          .put("supervisor", supervisor)
          .put("conversationId", conversationId)
          .put("agent", agent)
          .put("queue", queue);
    }
  }
}
