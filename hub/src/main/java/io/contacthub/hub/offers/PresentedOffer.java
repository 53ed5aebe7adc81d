package io.contacthub.hub.offers;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** An offer selected for a customer at one moment: the payload of an {@code offer} event. */
public record PresentedOffer(OfferRule rule, OfferContext context, Instant presentedAt) {

  public JsonObject toJson() {
    Trigger trigger =
        context.triggers().stream()
            .filter(rule.triggers()::contains)
            .sorted()
            .findFirst()
            .orElseThrow();
    return new JsonObject()
        .put("offerId", rule.id())
        .put("name", rule.name())
        .put("script", rule.script())
        .put("action", rule.action().copy())
        .put("priority", rule.priority())
        .put("expectedValue", rule.expectedValue())
        .put("trigger", trigger.wireName())
        .put("channel", context.channel() == null ? null : context.channel().wireName())
        .put("customerId", context.customerId())
        .put("conversationId", context.conversationId())
        .put("callId", context.callId())
        .put("presentedAt", presentedAt.toString());
  }
}
