package io.contacthub.hub.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A person who logs in: an agent, a supervisor or an admin.
 *
 * @param passwordHash the PHC string of {@link PasswordHasher}; never leaves the user store
 * @param email optional, for notifications
 * @param extension optional phone extension, for call routing and screen-pops
 * @param disabled a disabled user cannot log in and its tokens are refused
 * @param tokenVersion written into every token issued to the user; raised when the user is
 *     disabled, its password or its role changes, which revokes the tokens issued before
 */
public record User(
    String login,
    String displayName,
    Role role,
    String email,
    String extension,
    Instant createdAt,
    String passwordHash,
    boolean disabled,
    long tokenVersion) {

  public User {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(passwordHash, "passwordHash");
    if (!role.isStaff()) {
      throw new IllegalArgumentException("a user is an agent, a supervisor or an admin");
    }
    displayName = displayName == null || displayName.isBlank() ? login : displayName;
  }

  /** A new user: enabled, with no token revoked yet. */
  public User(
      String login,
      String displayName,
      Role role,
      String email,
      String extension,
      Instant createdAt,
      String passwordHash) {
    this(login, displayName, role, email, extension, createdAt, passwordHash, false, 0);
  }

  public Caller caller() {
    return new Caller(login, displayName, role);
  }

  /** The public view: everything but the password hash. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("login", login)
        .put("displayName", displayName)
        .put("role", role.wireName())
        .put("email", email)
        .put("extension", extension)
        .put("createdAt", createdAt.toString())
        .put("disabled", disabled);
  }

  /** The stored form, with the hash: for {@link UserRecords} only. */
  public JsonObject toStoredJson() {
    return toJson().put("passwordHash", passwordHash).put("tokenVersion", tokenVersion);
  }

  public static User fromStoredJson(JsonObject j) {
    return new User(
        j.getString("login"),
        j.getString("displayName"),
        Role.fromWireName(j.getString("role"))
            .orElseThrow(() -> new IllegalArgumentException("unknown role " + j.getString("role"))),
        j.getString("email"),
        j.getString("extension"),
        Instant.parse(j.getString("createdAt")),
        j.getString("passwordHash"),
        // Absent in the records of hubs older than revocation: enabled, nothing revoked.
        j.getBoolean("disabled", false),
        j.getLong("tokenVersion", 0L));
  }

  /** Leaves the hash out of logs. */
  @Override
  public String toString() {
    return "User[" + login + ", " + role.wireName() + "]";
  }
}
