package io.contacthub.hub.offers;

import io.contacthub.connector.Channel;
import io.contacthub.connector.LiveEvent;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.LiveEventEnricher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts offers into a call's screen-pop (payload {@code offers}) and sends them as {@code offer}
 * events to the agents who got the pop. What the caller "said" is their recent inbound messages in
 * the pop's history. The pop waits at most the configured budget: if selection takes longer, the
 * pop goes out without offers and the offers follow as events. A call's later pops (more agents
 * ringing) reuse the call's offers, so a ring is one showing.
 */
public final class ScreenPopOffers implements LiveEventEnricher {

  static final String SCREEN_POP = "screen_pop";
  private static final Logger LOG = LoggerFactory.getLogger(ScreenPopOffers.class);
  private static final int CALLS_REMEMBERED = 1024;

  private final Vertx vertx;
  private final OfferDelivery delivery;
  private final OffersOptions options;
  private final Clock clock;
  private final Map<String, List<PresentedOffer>> byCall =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<PresentedOffer>> eldest) {
          return size() > CALLS_REMEMBERED;
        }
      };

  public ScreenPopOffers(Vertx vertx, OfferDelivery delivery, OffersOptions options, Clock clock) {
    this.vertx = vertx;
    this.delivery = delivery;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Future<Enriched> enrich(LiveEvent event) {
    JsonObject pop = event.payload();
    JsonObject customer = pop.getJsonObject("customer");
    if (!SCREEN_POP.equals(event.type()) || customer == null) {
      return Future.succeededFuture(new Enriched(pop, () -> {}));
    }
    Audience audience = event.agents().isEmpty() ? Audience.STAFF : Audience.users(event.agents());
    String callId = pop.getString("callId");
    List<PresentedOffer> known = remembered(callId);
    if (known != null) {
      return Future.succeededFuture(withOffers(pop, known, audience));
    }
    OfferContext ctx =
        new OfferContext(
            Set.of(Trigger.SCREEN_POP),
            Channel.PHONE,
            customer.getString("customerId"),
            null,
            callId,
            recentText(pop.getJsonArray("history", new JsonArray())));
    Promise<Enriched> promise = Promise.promise();
    long timer =
        vertx.setTimer(
            options.screenPopBudget().toMillis(),
            t -> promise.tryComplete(new Enriched(pop, () -> {})));
    delivery
        .select(ctx)
        .onComplete(
            ar -> {
              vertx.cancelTimer(timer);
              if (ar.failed()) {
                LOG.warn("offers for the screen-pop of call {} failed", callId, ar.cause());
                promise.tryComplete(new Enriched(pop, () -> {}));
                return;
              }
              remember(callId, ar.result());
              Enriched enriched = withOffers(pop, ar.result(), audience);
              // Too late for the pop: the offers go out as events on their own.
              OfferDelivery.completeOr(promise, enriched, enriched.afterPublish());
            });
    return promise.future();
  }

  private Enriched withOffers(JsonObject pop, List<PresentedOffer> offers, Audience audience) {
    return new Enriched(
        pop.copy().put("offers", OfferDelivery.cards(offers)),
        () -> delivery.publish(offers, audience));
  }

  /**
   * The customer's inbound messages within the recent window, from the pop's history: a customer's
   * timeline shows every write acknowledged before it was read (decision 0004), so a message sent a
   * moment before the call is in it.
   */
  private String recentText(JsonArray history) {
    Instant since = clock.instant().minus(options.recentText());
    List<String> texts = new ArrayList<>();
    for (Object o : history) {
      if (o instanceof JsonObject i
          && "inbound".equals(i.getString("direction"))
          && "message".equals(i.getString("kind"))
          && i.getString("text") != null
          && !Instant.parse(i.getString("occurredAt", Instant.EPOCH.toString())).isBefore(since)) {
        texts.add(i.getString("text"));
      }
    }
    return String.join("\n", texts);
  }

  private synchronized List<PresentedOffer> remembered(String callId) {
    return callId == null ? null : byCall.get(callId);
  }

  private synchronized void remember(String callId, List<PresentedOffer> offers) {
    if (callId != null) {
      byCall.put(callId, offers);
    }
  }
}
