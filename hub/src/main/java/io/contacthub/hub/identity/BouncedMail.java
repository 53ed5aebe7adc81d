package io.contacthub.hub.identity;

import io.contacthub.connector.Channel;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.hub.model.Interaction;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The outbound mail a bounce names: its Message-ID was recorded as the thread key {@code
 * email:<id>} when it was sent. A failed bounce marks that mail's delivery failed, so the agent who
 * sent it sees so on the mail itself, not only on the customer.
 */
public final class BouncedMail {

  private BouncedMail() {}

  /** The thread key of the mail a failed bounce names, if it names one. */
  public static Optional<String> threadKey(InboundInteraction in) {
    JsonObject bounce = in.extras().getJsonObject("bounce");
    if (in.channel() != Channel.EMAIL
        || bounce == null
        || !"failed".equalsIgnoreCase(bounce.getString("action", "failed"))) {
      return Optional.empty();
    }
    String id = bounce.getString("originalMessageId");
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    id = id.strip();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1);
    }
    return Optional.of(Channel.EMAIL.wireName() + ":" + id);
  }

  /** {@code sent} with its delivery marked failed by the bounce {@code in}. */
  public static Interaction failed(Interaction sent, InboundInteraction in) {
    JsonObject bounce = in.extras().getJsonObject("bounce");
    JsonObject delivery =
        sent.extras()
            .getJsonObject("delivery", new JsonObject())
            .copy()
            .put("state", "failed")
            .put("retryable", false)
            .put(
                "detail",
                "bounced: "
                    + bounce.getString("status", "")
                    + " "
                    + bounce.getString("diagnostic", ""))
            .put("bounceExternalId", in.externalId());
    JsonObject extras = sent.extras().copy().put("delivery", delivery);
    return sent.updated(sent.text(), extras, java.util.List.of());
  }
}
