package io.contacthub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.log.LogOptions;
import io.contacthub.hub.log.SegmentedFileLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendGroupTest {

  private record Seen(long seq, ChangeRecord record) {}

  @TempDir Path dir;

  private static ChangeRecord record() {
    return new ChangeRecord(ChangeRecord.Cause.ATTRIBUTES, List.of(), List.of(), List.of());
  }

  @Test
  void recordsWaitForTheGroupThenBecomeDurableTogetherInOrder() throws Exception {
    List<Seen> seen = new ArrayList<>();
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, LogOptions.DEFAULTS)) {
      AppendGroup group = new AppendGroup(log, (seq, r) -> seen.add(new Seen(seq, r)));
      long start = log.nextSeq();
      List<ChangeRecord> records = List.of(record(), record(), record());
      List<CompletableFuture<Void>> durable = records.stream().map(group::add).toList();

      assertThat(group.size()).isEqualTo(3);
      assertThat(log.nextSeq()).isEqualTo(start);
      assertThat(durable).noneMatch(CompletableFuture::isDone);

      group.append();
      CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

      assertThat(group.size()).isZero();
      assertThat(log.nextSeq()).isEqualTo(start + 3);
      assertThat(seen)
          .containsExactly(
              new Seen(start, records.get(0)),
              new Seen(start + 1, records.get(1)),
              new Seen(start + 2, records.get(2)));
      List<Long> replayed = new ArrayList<>();
      log.replay(start, (seq, bytes) -> replayed.add(seq));
      assertThat(replayed).containsExactly(start, start + 1, start + 2);
    }
  }

  @Test
  void aGroupTheLogRefusesFailsEveryRecordAndTellsTheListenerNothing() throws Exception {
    List<Seen> seen = new ArrayList<>();
    SegmentedFileLog log = SegmentedFileLog.open(dir, LogOptions.DEFAULTS);
    AppendGroup group = new AppendGroup(log, (seq, r) -> seen.add(new Seen(seq, r)));
    CompletableFuture<Void> first = group.add(record());
    CompletableFuture<Void> second = group.add(record());
    log.close();

    group.append();

    for (CompletableFuture<Void> f : List.of(first, second)) {
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("closed");
    }
    assertThat(seen).isEmpty();
  }
}
