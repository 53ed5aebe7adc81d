package io.contacthub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.log.LogOptions;
import io.contacthub.hub.log.SegmentedFileLog;
import io.contacthub.hub.timeline.LuceneTimelineIndex;
import io.contacthub.hub.timeline.TimelineIndex;
import io.contacthub.hub.timeline.TimelineOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexProjectorTest {

  private static final ChangeRecord RECORD =
      new ChangeRecord(ChangeRecord.Cause.ATTRIBUTES, List.of(), List.of(), List.of());

  @TempDir Path dir;
  private LuceneTimelineIndex index;
  private SegmentedFileLog log;

  @BeforeEach
  void openIndexAndLog() throws Exception {
    index = LuceneTimelineIndex.open(dir.resolve("index"), TimelineOptions.DEFAULT);
    log = SegmentedFileLog.open(dir.resolve("log"), LogOptions.DEFAULTS);
  }

  @AfterEach
  void closeIndexAndLog() throws Exception {
    try {
      log.close();
    } finally {
      index.close();
    }
  }

  /** The real index, whose applies wait until {@code gate} opens. */
  private static TimelineIndex gated(TimelineIndex index, CountDownLatch gate) {
    return gated(index, "apply", new CountDownLatch(1), gate);
  }

  /**
   * The real index, whose calls of {@code methodName} count {@code entered} down, then wait until
   * {@code gate} opens.
   */
  private static TimelineIndex gated(
      TimelineIndex index, String methodName, CountDownLatch entered, CountDownLatch gate) {
    return (TimelineIndex)
        Proxy.newProxyInstance(
            TimelineIndex.class.getClassLoader(),
            new Class<?>[] {TimelineIndex.class},
            (proxy, method, args) -> {
              if (method.getName().equals(methodName)) {
                entered.countDown();
                gate.await();
              }
              try {
                return method.invoke(index, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** {@link IndexProjector#await} on another thread, as the sequencer calls it. */
  private static CompletableFuture<Void> awaitRoom(IndexProjector projector) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            projector.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void applyingNoRecordsIndexesNothingAndReportsNoBatch() throws Exception {
    IndexProjector projector = new IndexProjector(index, log, Duration.ofMinutes(1));
    List<Long> reported = new ArrayList<>();
    projector.observeApplied((upToSeq, oldestDurableNanos) -> reported.add(upToSeq));

    projector.applyNow(List.of(), List.of());
    projector.applyNow(List.of(4L), List.of(RECORD));

    assertThat(reported).containsExactly(4L);
  }

  @Test
  void aFullBacklogHoldsTheSequencerBackUntilTheIndexCatchesUp() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    IndexProjector projector = new IndexProjector(gated(index, gate), log, Duration.ofMinutes(1));
    projector.start();
    long seq = 0;
    projector.durable(seq++, RECORD);
    // The indexer has taken it and waits at the gate: what follows stays queued.
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> projector.backlog() == 0);
    for (int i = 0; i <= IndexProjector.MAX_BACKLOG; i++) {
      projector.durable(seq++, RECORD);
    }
    assertThat(projector.full()).isTrue();

    CompletableFuture<Void> held = awaitRoom(projector);
    assertThatThrownBy(() -> held.get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);

    gate.countDown();
    held.get(10, TimeUnit.SECONDS);
    assertThat(projector.full()).isFalse();
    projector.close();
  }

  @Test
  void indexingGoesOnWhileACommitSyncs() throws Exception {
    CountDownLatch committing = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    IndexProjector projector =
        new IndexProjector(gated(index, "commit", committing, gate), log, Duration.ofMillis(10));
    projector.start();
    projector.durable(0, RECORD);
    assertThat(committing.await(10, TimeUnit.SECONDS)).isTrue(); // and held at the gate
    for (long seq = 1; seq <= 100; seq++) {
      projector.durable(seq, RECORD);
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> index.searchableSeq() == 100);
    assertThat(index.committedSeq()).isLessThan(100);

    gate.countDown();
    projector.close();
    assertThat(index.committedSeq()).isEqualTo(100);
  }

  @Test
  void aProjectorThatIsNotIndexingHoldsNobodyBack() throws Exception {
    IndexProjector projector = new IndexProjector(index, log, Duration.ofMinutes(1));
    for (int i = 0; i <= IndexProjector.MAX_BACKLOG; i++) {
      projector.durable(i, RECORD);
    }
    assertThat(projector.full()).isTrue();
    awaitRoom(projector).get(10, TimeUnit.SECONDS);
  }
}
