package io.contacthub.hub.offers;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One rule of {@code offers.yaml}: when (triggers, channels), what the customer said (a Lucene
 * query over the message text), who the customer is, how often, and what the agent says and does.
 *
 * @param channels the channels the trigger must come from; empty: any
 * @param text the Lucene query the text must match; null: no text condition
 * @param priority higher ranks first
 * @param expectedValue ranks rules of equal priority, higher first; null counts as 0
 * @param action what accepting does, free-form for the desktop (e.g. {@code {type: link, url}})
 */
public record OfferRule(
    String id,
    String name,
    Set<Trigger> triggers,
    Set<Channel> channels,
    String text,
    CustomerCondition customer,
    Eligibility eligibility,
    int priority,
    Double expectedValue,
    String script,
    JsonObject action) {

  public OfferRule {
    triggers = Set.copyOf(triggers);
    channels = Set.copyOf(channels);
    action = action == null ? new JsonObject() : action;
  }

  public double rankValue() {
    return expectedValue == null ? 0 : expectedValue;
  }

  public JsonObject summary() {
    return new JsonObject()
        .put("offerId", id)
        .put("name", name)
        .put(
            "triggers",
            new io.vertx.core.json.JsonArray(
                triggers.stream().map(Trigger::wireName).sorted().toList()))
        .put("priority", priority)
        .put("expectedValue", expectedValue);
  }
}
