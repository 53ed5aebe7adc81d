package io.contacthub.connector;

import java.util.Objects;

/**
 * An identity seen on an interaction, as the channel saw it (not yet normalized).
 *
 * @param verified whether the channel proves the customer controls this identity (a WhatsApp
 *     number, a signed web-chat identifier, a From address that passed authentication). Only
 *     verified identities may link two existing customers; an unverified one never merges.
 * @param displayName an optional human name seen with it (e.g. the From display name)
 */
public record Identity(IdentityType type, String value, boolean verified, String displayName) {

  public Identity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  public static Identity of(IdentityType type, String value, boolean verified) {
    return new Identity(type, value, verified, null);
  }
}
