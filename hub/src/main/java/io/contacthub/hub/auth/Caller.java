package io.contacthub.hub.auth;

import io.vertx.core.json.JsonObject;

/** The authenticated caller of a request: a logged-in user, or an integration (SERVICE). */
public record Caller(String login, String displayName, Role role) {

  /** The caller of every request made with the ingest token. */
  public static final Caller SERVICE = new Caller("service", "Integration", Role.SERVICE);

  public JsonObject toJson() {
    return new JsonObject()
        .put("login", login)
        .put("displayName", displayName)
        .put("role", role.wireName());
  }
}
