package io.contacthub.hub.routing.agents;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agent as routing sees them: profile (skills, capacity per channel) and presence. Immutable:
 * every change is a new snapshot, which is what the routing journal stores.
 *
 * @param capacity the agent's own limits per channel; channels not named use the configured default
 * @param idleSince when the agent last became free for more work (went available, got or finished a
 *     contact); the longest-idle agent is the one with the earliest
 * @param wrapUp the after-call work under way, while presence is WRAP_UP
 */
public record Agent(
    String login,
    Set<String> skills,
    Map<Channel, Integer> capacity,
    Presence presence,
    Instant presenceSince,
    Instant idleSince,
    WrapUp wrapUp) {

  public Agent {
    skills = Set.copyOf(skills);
    capacity = Map.copyOf(capacity);
  }

  public static Agent offline(String login, Instant now) {
    return new Agent(login, Set.of(), Map.of(), Presence.OFFLINE, now, now, null);
  }

  public Agent withPresence(Presence p, Instant now) {
    if (p == presence) {
      return this;
    }
    Instant idle = p == Presence.AVAILABLE ? now : idleSince;
    return new Agent(login, skills, capacity, p, now, idle, p == Presence.WRAP_UP ? wrapUp : null);
  }

  public Agent inWrapUp(WrapUp w) {
    return new Agent(login, skills, capacity, Presence.WRAP_UP, w.startedAt(), idleSince, w);
  }

  public Agent withProfile(Set<String> newSkills, Map<Channel, Integer> newCapacity) {
    return new Agent(login, newSkills, newCapacity, presence, presenceSince, idleSince, wrapUp);
  }

  public Agent idleFrom(Instant now) {
    return new Agent(login, skills, capacity, presence, presenceSince, now, wrapUp);
  }

  public int capacityFor(Channel channel, Map<Channel, Integer> defaults) {
    return capacity.getOrDefault(channel, defaults.getOrDefault(channel, 1));
  }

  public boolean canServe(String skill) {
    return skill == null || skills.contains(skill);
  }

  public JsonObject toJson() {
    JsonObject cap = new JsonObject();
    new java.util.TreeMap<>(capacity).forEach((c, n) -> cap.put(c.wireName(), n));
    return new JsonObject()
        .put("login", login)
        .put("skills", new JsonArray(new TreeSet<>(skills).stream().toList()))
        .put("capacity", cap)
        .put("presence", presence.wireName())
        .put("presenceSince", presenceSince.toString())
        .put("idleSince", idleSince.toString())
        .put("wrapUp", wrapUp == null ? null : wrapUp.toJson());
  }

  public static Agent fromJson(JsonObject j) {
    Map<Channel, Integer> cap = new EnumMap<>(Channel.class);
    j.getJsonObject("capacity", new JsonObject())
        .forEach(
            e ->
                cap.put(
                    Channel.fromWireName(e.getKey()).orElseThrow(),
                    ((Number) e.getValue()).intValue()));
    return new Agent(
        j.getString("login"),
        Set.copyOf(
            j.getJsonArray("skills", new JsonArray()).stream().map(String.class::cast).toList()),
        cap,
        Presence.fromWireName(j.getString("presence")).orElseThrow(),
        Instant.parse(j.getString("presenceSince")),
        Instant.parse(j.getString("idleSince")),
        WrapUp.fromJson(j.getJsonObject("wrapUp")));
  }
}
