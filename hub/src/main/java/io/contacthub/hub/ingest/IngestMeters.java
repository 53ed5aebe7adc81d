package io.contacthub.hub.ingest;

import io.contacthub.hub.log.InteractionLog;
import io.contacthub.hub.timeline.TimelineIndex;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The spine's meters: how long the log's group commits take and how many records each makes durable
 * (an acknowledgement waits for one), how far the index is behind the log (what search does not
 * show yet), how long a durable record takes to become searchable and how long the index's
 * refreshes take.
 */
public final class IngestMeters {

  private IngestMeters() {}

  public static void bind(
      MeterRegistry registry, InteractionLog log, IndexProjector projector, TimelineIndex index) {
    Timer commits =
        Timer.builder("hub.log.commit")
            .description(
                "Group commits of the interaction log: writing the records and syncing them to disk")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(50_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    DistributionSummary records =
        DistributionSummary.builder("hub.log.commit.records")
            .description("Records made durable by one group commit")
            .baseUnit("records")
            .register(registry);
    log.observeCommits(
        (n, nanos) -> {
          commits.record(nanos, TimeUnit.NANOSECONDS);
          records.record(n);
        });
    SearchableDelays searchable =
        new SearchableDelays(
            Timer.builder("hub.index.searchable.delay")
                .description(
                    "From a record being durable (acknowledged) to search showing it, for the"
                        + " oldest record of each indexed batch")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry),
            Timer.builder("hub.index.refresh")
                .description(
                    "Index refreshes that showed new changes: flushing them into a segment and"
                        + " opening a searcher on it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
    projector.observeApplied(searchable);
    index.observeRefreshes(searchable);
    Gauge.builder("hub.index.backlog", projector, IndexProjector::backlog)
        .description("Durable records waiting to be indexed")
        .baseUnit("records")
        .register(registry);
    Gauge.builder("hub.index.lag", () -> Math.max(0, log.nextSeq() - 1 - index.searchableSeq()))
        .description("Durable records that search does not show yet")
        .baseUnit("records")
        .register(registry);
  }
}
