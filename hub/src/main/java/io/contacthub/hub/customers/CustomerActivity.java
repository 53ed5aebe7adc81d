package io.contacthub.hub.customers;

import static io.contacthub.hub.customers.CustomerAttributes.COST_TO_SERVE;
import static io.contacthub.hub.customers.CustomerAttributes.HANDLE_TIME_SECONDS;
import static io.contacthub.hub.customers.CustomerAttributes.INTERACTION_COUNTS;
import static io.contacthub.hub.customers.CustomerAttributes.PREFERRED_CHANNEL;

import io.contacthub.connector.Channel;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.ingest.CustomerEnrichment;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.vertx.core.json.JsonObject;

/**
 * Moves a customer's computed attributes on as interactions arrive: contacts per channel, the
 * preferred channel, talk time of their calls, cost to serve and value. Runs on the ingest writer,
 * so it must stay pure and fast: a few map operations per interaction.
 */
public final class CustomerActivity implements CustomerEnrichment {

  private final CustomerValueOptions options;

  public CustomerActivity(CustomerValueOptions options) {
    this.options = options;
  }

  @Override
  public Customer afterInteraction(Customer customer, Interaction before, Interaction after) {
    if (after.automated()
        || (after.kind() != InteractionKind.MESSAGE && after.kind() != InteractionKind.CALL)) {
      return null;
    }
    long talkDelta = talkSeconds(after) - (before == null ? 0 : talkSeconds(before));
    if (before != null && talkDelta == 0) {
      return null;
    }
    JsonObject attrs = customer.attributes().copy();
    if (before == null) {
      // attrs is a deep copy already: its counts object is ours to change.
      JsonObject counts = attrs.getJsonObject(INTERACTION_COUNTS, new JsonObject());
      String channel = after.channel().wireName();
      counts.put(channel, counts.getLong(channel, 0L) + 1);
      attrs.put(INTERACTION_COUNTS, counts);
      attrs.put(PREFERRED_CHANNEL, preferred(counts, attrs.getString(PREFERRED_CHANNEL)));
    }
    if (talkDelta != 0) {
      attrs.put(
          HANDLE_TIME_SECONDS, Math.max(0, attrs.getLong(HANDLE_TIME_SECONDS, 0L) + talkDelta));
    }
    CustomerValue.recompute(attrs, options);
    return new Customer(
        customer.id(),
        customer.displayName(),
        customer.identities(),
        customer.createdAt(),
        customer.mergedInto(),
        attrs);
  }

  /** The channel with the most contacts; on a tie the current preference stays. */
  private static String preferred(JsonObject counts, String current) {
    String best = current;
    long bestCount = current == null ? -1 : counts.getLong(current, 0L);
    for (String channel : counts.fieldNames()) {
      long n = counts.getLong(channel);
      if (n > bestCount) {
        best = channel;
        bestCount = n;
      }
    }
    return best;
  }

  /** Talk time of a phone call ({@code extras.call.durationSeconds}); 0 for anything else. */
  static long talkSeconds(Interaction i) {
    if (i.channel() != Channel.PHONE || i.kind() != InteractionKind.CALL) {
      return 0;
    }
    JsonObject call = i.extras().getJsonObject("call");
    return call != null && call.getValue("durationSeconds") instanceof Number n ? n.longValue() : 0;
  }

  /** Cost to serve: every counted contact at its channel's price. */
  static double costToServe(JsonObject attrs, CustomerValueOptions options) {
    JsonObject counts = attrs.getJsonObject(INTERACTION_COUNTS, new JsonObject());
    double cost = 0;
    for (String name : counts.fieldNames()) {
      cost += Channel.fromWireName(name).map(options::cost).orElse(0.0) * counts.getLong(name, 0L);
    }
    return cost;
  }

  static void putCost(JsonObject attrs, double cost) {
    attrs.put(COST_TO_SERVE, Math.round(cost * 100) / 100.0);
  }
}
