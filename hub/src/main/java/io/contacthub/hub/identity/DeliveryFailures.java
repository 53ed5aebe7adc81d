package io.contacthub.hub.identity;

import io.contacthub.connector.Channel;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.NormalizedIdentity;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Marks an email address as failing when a bounce (a delivery status notification the email
 * connector reports as {@code extras.bounce}) says delivery to it failed, so agents see it on the
 * customer before replying there again. Kept in the customer's attributes under {@link #KEY}.
 */
public final class DeliveryFailures {

  public static final String KEY = "emailDeliveryFailures";

  private final CustomerDirectory directory;
  private final IdentityNormalizer normalizer;

  public DeliveryFailures(CustomerDirectory directory, IdentityNormalizer normalizer) {
    this.directory = directory;
    this.normalizer = normalizer;
  }

  /** The owner's new snapshot when {@code in} reports a failed delivery to a known address. */
  public Optional<Customer> apply(InboundInteraction in) {
    JsonObject bounce = in.extras().getJsonObject("bounce");
    if (in.channel() != Channel.EMAIL || bounce == null) {
      return Optional.empty();
    }
    String action = bounce.getString("action", "failed");
    String recipient = bounce.getString("recipient");
    if (!"failed".equalsIgnoreCase(action) || recipient == null || recipient.isBlank()) {
      return Optional.empty();
    }
    NormalizedIdentity address;
    try {
      address =
          new NormalizedIdentity(
              IdentityType.EMAIL, normalizer.normalizeValue(IdentityType.EMAIL, recipient), false);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return directory
        .ownerOf(address)
        .flatMap(directory::get)
        .map(
            owner -> {
              JsonObject attributes = owner.attributes().copy();
              JsonObject failures = attributes.getJsonObject(KEY, new JsonObject()).copy();
              failures.put(
                  address.value(),
                  new JsonObject()
                      .put("status", bounce.getString("status"))
                      .put("diagnostic", bounce.getString("diagnostic"))
                      .put("at", in.occurredAt().toString()));
              attributes.put(KEY, failures);
              return new Customer(
                  owner.id(),
                  owner.displayName(),
                  owner.identities(),
                  owner.createdAt(),
                  owner.mergedInto(),
                  attributes);
            });
  }
}
