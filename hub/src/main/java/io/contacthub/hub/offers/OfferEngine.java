package io.contacthub.hub.offers;

import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.model.Customer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Selects the best offers for one moment. Cheap checks first (trigger, channel, customer
 * attributes, validity, the customer's history), then the text queries, only when some rule that
 * passed has one; eligible rules rank by priority, then expected value; the best few are recorded
 * as shown. Blocking-free but CPU-bound (Lucene matching): call it on a worker, never an event
 * loop.
 */
public final class OfferEngine {

  private static final Comparator<OfferRule> RANK =
      Comparator.comparingInt(OfferRule::priority)
          .thenComparingDouble(OfferRule::rankValue)
          .reversed()
          .thenComparing(OfferRule::id);

  private final Supplier<RuleSet> rules;
  private final CustomerDirectory directory;
  private final OfferLedger ledger;
  private final OfferMetrics metrics;
  private final int maxPerEvent;
  private final Clock clock;

  public OfferEngine(
      Supplier<RuleSet> rules,
      CustomerDirectory directory,
      OfferLedger ledger,
      OfferMetrics metrics,
      int maxPerEvent,
      Clock clock) {
    this.rules = rules;
    this.directory = directory;
    this.ledger = ledger;
    this.metrics = metrics;
    this.maxPerEvent = maxPerEvent;
    this.clock = clock;
  }

  public List<PresentedOffer> select(OfferContext ctx) {
    long started = System.nanoTime();
    Customer customer = directory.root(ctx.customerId()).orElse(null);
    if (customer == null) {
      return List.of();
    }
    OfferContext at =
        ctx.customerId().equals(customer.id()) ? ctx : withCustomer(ctx, customer.id());
    RuleSet set = rules.get();
    Instant now = clock.instant();
    JsonObject attrs = customer.attributes();
    List<Integer> passed = new ArrayList<>();
    boolean needsText = false;
    for (int i = 0; i < set.rules().size(); i++) {
      OfferRule r = set.rules().get(i);
      if (r.triggers().stream().noneMatch(at.triggers()::contains)
          || (!r.channels().isEmpty()
              && (at.channel() == null || !r.channels().contains(at.channel())))
          || !r.customer().test(attrs)
          || !r.eligibility().allows(ledger.history(customer.id(), r.id()), now)) {
        continue;
      }
      passed.add(i);
      needsText |= r.text() != null;
    }
    BitSet said = needsText ? set.matcher().match(at.text()) : new BitSet();
    List<OfferRule> eligible = new ArrayList<>();
    for (int i : passed) {
      OfferRule r = set.rules().get(i);
      if (r.text() == null || said.get(i)) {
        eligible.add(r);
      }
    }
    eligible.sort(RANK);
    List<PresentedOffer> out = new ArrayList<>();
    String channel = at.channel() == null ? null : at.channel().wireName();
    for (OfferRule r : eligible) {
      if (out.size() >= maxPerEvent) {
        break;
      }
      // Re-checked and recorded atomically: a trigger racing this one cannot pass a cap too.
      if (ledger.tryShow(customer.id(), r, channel, now)) {
        out.add(new PresentedOffer(r, at, now));
        metrics.shown(r.id());
      }
    }
    metrics.evaluated(System.nanoTime() - started);
    return out;
  }

  private static OfferContext withCustomer(OfferContext c, String rootId) {
    return new OfferContext(
        c.triggers(), c.channel(), rootId, c.conversationId(), c.callId(), c.text());
  }
}
