package io.contacthub.hub.events;

import io.contacthub.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who receives a live event: the named users (logins), or, when none are named, every connected
 * user holding one of the roles.
 */
public record Audience(Set<String> users, Set<Role> roles) {

  public static final Audience STAFF =
      new Audience(Set.of(), EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN));
  public static final Audience SUPERVISORS =
      new Audience(Set.of(), EnumSet.of(Role.SUPERVISOR, Role.ADMIN));

  public Audience {
    users = Set.copyOf(users);
    roles = roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
  }

  public static Audience users(Set<String> logins) {
    return new Audience(logins, Set.of());
  }

  public boolean includes(String login, Role role) {
    return users.isEmpty() ? roles.contains(role) : users.contains(login);
  }

  public JsonObject toJson() {
    JsonArray r = new JsonArray();
    roles.forEach(x -> r.add(x.wireName()));
    return new JsonObject()
        .put("users", new JsonArray(users.stream().sorted().toList()))
        .put("roles", r);
  }

  public static Audience fromJson(JsonObject j) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    j.getJsonArray("roles", new JsonArray())
        .forEach(x -> Role.fromWireName((String) x).ifPresent(roles::add));
    Set<String> users =
        Set.copyOf(
            j.getJsonArray("users", new JsonArray()).stream().map(String.class::cast).toList());
    return new Audience(users, roles);
  }
}
