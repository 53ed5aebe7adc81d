package io.contacthub.hub.offers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Offer counters in Micrometer ({@code hub_offers_shown_total{offer=...}}, accepted, declined) and
 * the summary the REST API shows. Tags are bounded: the offer id comes from the rule file, never a
 * customer id. Counts are since the process started.
 */
public final class OfferMetrics {

  /**
   * Histogram buckets around the 2 ms target. Not client-side percentiles: those need HdrHistogram,
   * which the hub does not ship, and a histogram aggregates across nodes.
   */
  private static final java.time.Duration[] SELECTION_BUCKETS = {
    java.time.Duration.ofMillis(1),
    java.time.Duration.ofMillis(2),
    java.time.Duration.ofMillis(5),
    java.time.Duration.ofMillis(20),
    java.time.Duration.ofMillis(100)
  };

  private final MeterRegistry registry;
  private final Timer evaluation;

  public OfferMetrics(MeterRegistry registry, Supplier<RuleSet> rules) {
    this.registry = registry;
    this.evaluation =
        Timer.builder("hub.offers.evaluation")
            .description(
                "Time to select the offers for one trigger (match, conditions, eligibility)")
            .serviceLevelObjectives(SELECTION_BUCKETS)
            .register(registry);
    Gauge.builder("hub.offers.rules.active", rules, r -> r.get().rules().size())
        .description("Offer rules in the running set")
        .register(registry);
  }

  public void shown(String offerId) {
    counter("hub.offers.shown", offerId).increment();
  }

  public void answered(String offerId, boolean accepted) {
    counter(accepted ? "hub.offers.accepted" : "hub.offers.declined", offerId).increment();
  }

  public void reloaded(boolean ok) {
    Counter.builder("hub.offers.rules.reloads")
        .description("Reloads of the offer rule file, by result (ok, invalid)")
        .tag("result", ok ? "ok" : "invalid")
        .register(registry)
        .increment();
  }

  public void evaluated(long nanos) {
    evaluation.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Per rule of the current set: shown, accepted, declined and conversion (accepted / shown). */
  public JsonObject summary(RuleSet rules) {
    JsonArray items = new JsonArray();
    for (OfferRule r : rules.rules()) {
      long shown = count("hub.offers.shown", r.id());
      long accepted = count("hub.offers.accepted", r.id());
      items.add(
          new JsonObject()
              .put("offerId", r.id())
              .put("name", r.name())
              .put("shown", shown)
              .put("accepted", accepted)
              .put("declined", count("hub.offers.declined", r.id()))
              .put("conversion", shown == 0 ? 0.0 : (double) accepted / shown));
    }
    return new JsonObject().put("version", rules.version()).put("items", items);
  }

  private Counter counter(String name, String offerId) {
    return Counter.builder(name)
        .description("Offers " + name.substring(name.lastIndexOf('.') + 1) + ", by offer rule")
        .tag("offer", offerId)
        .register(registry);
  }

  private long count(String name, String offerId) {
    Counter c = registry.find(name).tag("offer", offerId).counter();
    return c == null ? 0 : (long) c.count();
  }
}
