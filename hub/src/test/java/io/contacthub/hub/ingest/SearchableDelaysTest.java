package io.contacthub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SearchableDelaysTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Timer delays = Timer.builder("delays").register(registry);
  private final Timer refreshes = Timer.builder("refreshes").register(registry);
  private final SearchableDelays searchable = new SearchableDelays(delays, refreshes);

  @Test
  void aBatchCountsOnceTheFirstRefreshShowsItAndNotBefore() {
    long now = System.nanoTime();
    searchable.applied(5, now);
    searchable.applied(9, now);

    searchable.refreshed(1_000_000, 4);
    assertThat(delays.count()).isZero();
    searchable.refreshed(1_000_000, 7);
    assertThat(delays.count()).isEqualTo(1);
    searchable.refreshed(1_000_000, 9);
    searchable.refreshed(1_000_000, 12);

    assertThat(delays.count()).isEqualTo(2);
    assertThat(refreshes.count()).isEqualTo(4);
    assertThat(refreshes.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4.0);
  }

  @Test
  void theDelayRunsFromTheBatchsOldestDurableRecordToTheRefresh() {
    long durable = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(300);
    searchable.applied(1, durable);

    searchable.refreshed(2_000_000, 1);

    assertThat(delays.max(TimeUnit.MILLISECONDS)).isBetween(300.0, 10_000.0);
  }

  @Test
  void withoutRefreshesOnlyTheNewestBatchesAreKept() {
    long now = System.nanoTime();
    for (int seq = 1; seq <= SearchableDelays.MAX_PENDING + 5; seq++) {
      searchable.applied(seq, now);
    }

    searchable.refreshed(1_000_000, Long.MAX_VALUE);

    assertThat(delays.count()).isEqualTo(SearchableDelays.MAX_PENDING);
  }
}
