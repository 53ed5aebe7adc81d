package io.contacthub.hub.auth;

import java.util.Objects;

/** What an admin gives to create a user; the password is hashed before it is stored. */
public record NewUser(
    String login, String password, String displayName, Role role, String email, String extension) {

  public NewUser {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(role, "role");
  }

  /** Leaves the password out of logs. */
  @Override
  public String toString() {
    return "NewUser[" + login + ", " + role.wireName() + "]";
  }
}
