package io.contacthub.hub.offers;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.connector.ThreadHints;
import io.contacthub.hub.customers.CustomerAttributes;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.NormalizedIdentity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records a customer's answer to an offer: in the offer's history (an accept or decline, the
 * decline starting the rule's cool-down), as a note on the customer's timeline (kind {@code note},
 * on the channel the offer was shown on) and in the counters.
 */
public final class OfferResponses {

  private final Supplier<RuleSet> rules;
  private final CustomerDirectory directory;
  private final OfferLedger ledger;
  private final IngestService ingest;
  private final OfferMetrics metrics;
  private final Clock clock;

  public OfferResponses(
      Supplier<RuleSet> rules,
      CustomerDirectory directory,
      OfferLedger ledger,
      IngestService ingest,
      OfferMetrics metrics,
      Clock clock) {
    this.rules = rules;
    this.directory = directory;
    this.ledger = ledger;
    this.ingest = ingest;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Future<JsonObject> answer(OfferAnswer a) {
    OfferRule rule =
        rules
            .get()
            .rule(a.offerId())
            .orElseThrow(() -> HubException.notFound("no offer " + a.offerId()));
    Customer customer =
        directory
            .root(a.customerId())
            .orElseThrow(() -> HubException.notFound("no customer " + a.customerId()));
    OfferHistory history = ledger.history(customer.id(), rule.id());
    if (history.lastShown() == null) {
      throw HubException.conflict(
          "offer " + rule.id() + " was never presented to customer " + customer.id());
    }
    if (!a.accepted() && (a.reason() == null || a.reason().isBlank())) {
      throw HubException.badRequest("a decline needs a reason");
    }
    if (customer.identities().isEmpty()) {
      throw HubException.conflict("customer " + customer.id() + " has no identity to note it on");
    }
    Instant now = clock.instant();
    return ledger
        .answer(customer.id(), rule.id(), a.accepted(), now)
        .compose(h -> ingest.ingest(note(rule, customer, a, channel(h, customer), now)))
        .map(
            accepted -> {
              metrics.answered(rule.id(), a.accepted());
              return new JsonObject()
                  .put("offerId", rule.id())
                  .put("customerId", customer.id())
                  .put("outcome", outcome(a))
                  .put("reason", a.reason())
                  .put("interactionId", accepted.interactionId())
                  .put("conversationId", accepted.conversationId());
            });
  }

  private static InboundInteraction note(
      OfferRule rule, Customer customer, OfferAnswer a, Channel channel, Instant now) {
    NormalizedIdentity id = customer.identities().get(0);
    String text =
        "Offer "
            + outcome(a)
            + ": "
            + rule.name()
            + (a.accepted() ? "" : " (reason: " + a.reason().strip() + ")");
    return InboundInteraction.message(channel, "offer:" + rule.id() + ":" + UUID.randomUUID())
        .direction(Direction.OUTBOUND)
        .kind(InteractionKind.NOTE)
        .occurredAt(now)
        .identities(List.of(Identity.of(id.type(), id.value(), false)))
        .thread(new ThreadHints(List.of(), List.of(), a.conversationId()))
        .text(text)
        .extras(
            new JsonObject()
                .put(
                    "offer",
                    new JsonObject()
                        .put("offerId", rule.id())
                        .put("outcome", outcome(a))
                        .put("reason", a.reason())
                        .put("agent", a.agent())))
        .build();
  }

  /** Where the offer was shown, else where the customer prefers, else web chat. */
  private static Channel channel(OfferHistory h, Customer c) {
    String name = h.channel();
    if (name == null) {
      name = CustomerAttributes.string(c.attributes(), CustomerAttributes.PREFERRED_CHANNEL);
    }
    return Channel.fromWireName(name).orElse(Channel.WEBCHAT);
  }

  private static String outcome(OfferAnswer a) {
    return a.accepted() ? "accepted" : "declined";
  }
}
