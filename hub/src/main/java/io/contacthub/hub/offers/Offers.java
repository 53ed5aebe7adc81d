package io.contacthub.hub.offers;

import io.contacthub.hub.conversation.ConversationStore;
import io.contacthub.hub.events.LiveEventEnricher;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.ingest.CustomerChanges;
import io.contacthub.hub.ingest.IngestSequencer;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.ConversationStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;

/**
 * The offers module assembled: rules (loaded and watched), the history ledger, the engine, the
 * delivery on changes and into screen-pops, and the answers. Start-up order is readable here.
 */
public final class Offers implements AutoCloseable {

  private final OfferRules rules;
  private final OfferMetrics metrics;
  private final OfferDelivery delivery;
  private final ScreenPopOffers screenPops;
  private final OfferResponses responses;
  private final WorkerExecutor workers;

  /** Everything the module needs from the hub. */
  public record HubSide(
      Vertx vertx,
      CustomerDirectory customers,
      ConversationStore conversations,
      CustomerChanges customerChanges,
      IngestService ingest,
      LiveEvents events,
      MeterRegistry registry,
      OfferRecipients recipients) {}

  /** Loads the rules (blocking: call it off the event loop) and starts watching the file. */
  public Offers(HubSide hub, OffersOptions options) {
    Clock clock = Clock.systemUTC();
    this.rules = new OfferRules(hub.vertx(), options.rulesFile());
    this.metrics = new OfferMetrics(hub.registry(), rules::current);
    rules.metrics(metrics);
    rules.loadAtStart();
    OfferLedger ledger = new OfferLedger(hub.customers(), hub.customerChanges());
    OfferEngine engine =
        new OfferEngine(
            rules::current, hub.customers(), ledger, metrics, options.maxPerEvent(), clock);
    // Selection is Lucene work: never on an event loop, and never on the ingest threads.
    this.workers = hub.vertx().createSharedWorkerExecutor("hub-offers", 2);
    this.delivery =
        new OfferDelivery(
            hub.vertx().getOrCreateContext(), workers, engine, hub.events(), hub.recipients());
    delivery.seed(
        hub.conversations()
            .byActivity(null, c -> c.status() != ConversationStatus.OPEN, Integer.MAX_VALUE));
    this.screenPops = new ScreenPopOffers(hub.vertx(), delivery, options, clock);
    this.responses =
        new OfferResponses(rules::current, hub.customers(), ledger, hub.ingest(), metrics, clock);
    rules.watch(options.watchInterval());
  }

  public OfferRules rules() {
    return rules;
  }

  public OfferMetrics metrics() {
    return metrics;
  }

  public OfferResponses responses() {
    return responses;
  }

  /** Listens to durable changes: register it with the hub's change listeners. */
  public IngestSequencer.ChangeListener changes() {
    return delivery;
  }

  /** Adds offers to screen-pops: give it to the connectors' context. */
  public LiveEventEnricher screenPops() {
    return screenPops;
  }

  @Override
  public void close() {
    rules.stopWatching();
    workers.close();
  }
}
