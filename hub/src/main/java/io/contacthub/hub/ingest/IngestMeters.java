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
        histogram(
            registry,
            "hub.log.commit",
            "Group commits of the interaction log: writing the records and syncing them to disk",
            Duration.ofNanos(50_000),
            Duration.ofSeconds(10));
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
            histogram(
                registry,
                "hub.index.searchable.delay",
                "From a record being durable (acknowledged) to search showing it, for the oldest"
                    + " record of each indexed batch",
                Duration.ofMillis(1),
                Duration.ofSeconds(30)),
            histogram(
                registry,
                "hub.index.refresh",
                "Index refreshes that showed new changes: flushing them into a segment and opening"
                    + " a searcher on it",
                Duration.ofMillis(1),
                Duration.ofSeconds(30)));
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

  private static Timer histogram(
      MeterRegistry registry, String name, String description, Duration min, Duration max) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(min)
        .maximumExpectedValue(max)
        .register(registry);
  }
}
