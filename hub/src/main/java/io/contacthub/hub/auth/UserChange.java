package io.contacthub.hub.auth;

import java.util.Optional;

/**
 * What an admin changes of a user; a null field is left as it is.
 *
 * @param email empty to remove the address
 * @param extension empty to remove the extension
 * @param password a new password (a reset), hashed before it is stored
 */
public record UserChange(
    String displayName,
    Role role,
    Optional<String> email,
    Optional<String> extension,
    String password,
    Boolean disabled) {

  /**
   * The user with this change, {@code passwordHash} being the hash of the new password (null
   * without one). Disabling, a new password or a new role raise the token version: the tokens
   * issued before are refused from then on.
   */
  User applyTo(User user, String passwordHash) {
    Role newRole = role == null ? user.role() : role;
    boolean nowDisabled = disabled == null ? user.disabled() : disabled;
    boolean revokes =
        passwordHash != null || newRole != user.role() || (nowDisabled && !user.disabled());
    return new User(
        user.login(),
        displayName == null ? user.displayName() : displayName,
        newRole,
        email == null ? user.email() : email.orElse(null),
        extension == null ? user.extension() : extension.orElse(null),
        user.createdAt(),
        passwordHash == null ? user.passwordHash() : passwordHash,
        nowDisabled,
        revokes ? user.tokenVersion() + 1 : user.tokenVersion());
  }

  /** Leaves the password out of logs. */
  @Override
  public String toString() {
    return "UserChange[role="
        + role
        + ", disabled="
        + disabled
        + ", password "
        + (password == null ? "kept" : "reset")
        + "]";
  }
}
