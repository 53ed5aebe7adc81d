package io.contacthub.hub.auth;

import java.util.Locale;
import java.util.Optional;

/** Who a caller is. Each role also has the rights of the roles before it, except SERVICE. */
public enum Role {
  AGENT,
  SUPERVISOR,
  ADMIN,
  /** A channel or integration holding the ingest token: may ingest, nothing else. */
  SERVICE;

  /**
   * Whether this role has the rights of {@code required}: a staff role includes the staff roles
   * before it; SERVICE includes only itself and no staff role includes SERVICE.
   */
  public boolean includes(Role required) {
    if (this == SERVICE || required == SERVICE) {
      return this == required;
    }
    return ordinal() >= required.ordinal();
  }

  /** Whether this is a person's role (agent, supervisor, admin) rather than an integration's. */
  public boolean isStaff() {
    return this != SERVICE;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWireName(String name) {
    for (Role r : values()) {
      if (r.wireName().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
