package io.contacthub.hub.log;

import static io.contacthub.hub.log.LogFixtures.SMALL_SEGMENTS;
import static io.contacthub.hub.log.LogFixtures.appendEach;
import static io.contacthub.hub.log.LogFixtures.await;
import static io.contacthub.hub.log.LogFixtures.flipByte;
import static io.contacthub.hub.log.LogFixtures.range;
import static io.contacthub.hub.log.LogFixtures.record;
import static io.contacthub.hub.log.LogFixtures.replay;
import static io.contacthub.hub.log.LogFixtures.seqs;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.log.LogFixtures.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedFileLogTest {

  @TempDir Path dir;

  @Test
  void replaysWhatWasAppendedWithItsSeqs() throws Exception {
    List<byte[]> records =
        List.of(record(0, 8), new byte[0], record(2, 1500), record(3, 3 << 20), record(4, 64));
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, LogOptions.DEFAULTS)) {
      assertThat(await(log.append(records.subList(0, 2)))).isZero();
      assertThat(await(log.append(records.subList(2, 5)))).isEqualTo(2);

      List<Entry> replayed = replay(log, 0);

      assertThat(seqs(replayed)).containsExactly(0L, 1L, 2L, 3L, 4L);
      for (int i = 0; i < records.size(); i++) {
        assertThat(replayed.get(i).record()).isEqualTo(records.get(i));
      }
    }
  }

  @Test
  void numbersRecordsConsecutivelyAcrossCallsAndReopens() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, LogOptions.DEFAULTS)) {
      assertThat(log.nextSeq()).isZero();
      CompletableFuture<Long> first = log.append(List.of(record(0, 10), record(1, 10)));
      assertThat(log.nextSeq()).as("advances before the disk answers").isEqualTo(2);
      CompletableFuture<Long> empty = log.append(List.of());
      CompletableFuture<Long> second = log.append(List.of(record(2, 10)));
      assertThat(log.nextSeq()).isEqualTo(3);
      assertThat(await(first)).isZero();
      assertThat(await(empty)).isEqualTo(2);
      assertThat(await(second)).isEqualTo(2);
    }
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, LogOptions.DEFAULTS)) {
      assertThat(log.nextSeq()).isEqualTo(3);
      assertThat(await(log.append(List.of(record(3, 10), record(4, 10))))).isEqualTo(3);
      assertThat(seqs(replay(log, 0))).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(replay(log, 0).get(3).record()).isEqualTo(record(3, 10));
    }
  }

  @Test
  void pipelinedAppendsCompleteInSeqOrderWithTheirFirstSeq() throws Exception {
    int appends = 2_000;
    AtomicReferenceArray<CompletableFuture<Long>> futures = new AtomicReferenceArray<>(appends);
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      for (int i = 0; i < appends; i++) {
        int size = 1 + i % 3;
        List<byte[]> batch = new ArrayList<>();
        for (int k = 0; k < size; k++) {
          batch.add(record(log.nextSeq() + k, 40));
        }
        CompletableFuture<Long> future = log.append(batch);
        futures.set(i, future);
        int index = i;
        // When a future is seen complete, every earlier one must already be complete.
        future.whenComplete(
            (seq, error) -> {
              for (int earlier = 0; earlier < index; earlier++) {
                if (!futures.get(earlier).isDone()) {
                  problems.add("append " + index + " completed before append " + earlier);
                }
              }
            });
      }
      await(futures.get(appends - 1));

      long expectedFirstSeq = 0;
      for (int i = 0; i < appends; i++) {
        assertThat(futures.get(i).join()).isEqualTo(expectedFirstSeq);
        expectedFirstSeq += 1 + i % 3;
      }
      assertThat(problems).isEmpty();
      assertThat(seqs(replay(log, 0))).isEqualTo(range(0, expectedFirstSeq));
    }
  }

  @Test
  void rollsBetweenRecordsAndReplaysAcrossSegments() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 50, 100);
      await(log.append(List.of(record(50, 5000))));
      appendEach(log, 3, 100);

      List<Path> files = segmentFiles();
      assertThat(files).hasSizeGreaterThan(6);
      for (Path file : files) {
        long size = Files.size(file);
        long firstSeq = Long.parseLong(file.getFileName().toString().replace(".log", ""));
        if (firstSeq == 50) {
          assertThat(size).as("an oversized record sits alone").isEqualTo(16 + 8 + 5000);
        } else {
          assertThat(size).isLessThanOrEqualTo(SMALL_SEGMENTS.segmentBytes());
        }
      }
      assertThat(files.getFirst().getFileName()).hasToString("00000000000000000000.log");
      assertThat(files).contains(dir.resolve("00000000000000000050.log"));
      assertThat(files).contains(dir.resolve("00000000000000000051.log"));

      List<Entry> replayed = replay(log, 0);
      assertThat(seqs(replayed)).isEqualTo(range(0, 54));
      assertThat(replayed.get(50).record()).isEqualTo(record(50, 5000));
      assertThat(replayed.get(53).record()).isEqualTo(record(53, 100));
    }
  }

  @Test
  void replaysFromAnySeq() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 40, 100);
      long boundary = segmentFirstSeqs().get(2);

      assertThat(seqs(replay(log, 13))).isEqualTo(range(13, 40));
      assertThat(seqs(replay(log, boundary))).isEqualTo(range(boundary, 40));
      assertThat(seqs(replay(log, 39))).containsExactly(39L);
      assertThat(replay(log, 39).getFirst().record()).isEqualTo(record(39, 100));
      assertThat(replay(log, 40)).isEmpty();
      assertThat(replay(log, 1_000)).isEmpty();
    }
  }

  @Test
  void replaySkipsSegmentsBelowFromSeqWithoutReadingThem() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 40, 100);
      long secondSegment = segmentFirstSeqs().get(1);
      flipByte(segmentFiles().getFirst(), 16 + 8 + 20);

      assertThat(seqs(replay(log, secondSegment))).isEqualTo(range(secondSegment, 40));
      assertThatThrownBy(() -> replay(log, 0))
          .isInstanceOf(CorruptLogException.class)
          .hasMessageContaining("00000000000000000000.log at offset 16: CRC mismatch");
    }
  }

  @Test
  void replayDuringAppendsSeesAnUnbrokenDurablePrefix() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 100, 100);
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        futures.add(log.append(List.of(record(log.nextSeq(), 100))));
      }
      CompletableFuture<List<Entry>> replayed =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return replay(log, 0);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      for (int i = 0; i < 500; i++) {
        futures.add(log.append(List.of(record(log.nextSeq(), 100))));
      }
      await(futures.getLast());

      List<Entry> seen = await(replayed);
      assertThat(seqs(seen)).isEqualTo(range(0, seen.size())).hasSizeGreaterThanOrEqualTo(100);
      for (Entry entry : seen) {
        assertThat(entry.record()).isEqualTo(record(entry.seq(), 100));
      }
    }
  }

  @Test
  void refusesToReclaimFromInsideAReplay() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 20, 100);

      assertThatThrownBy(() -> log.replay(0, (seq, record) -> log.reclaimBefore(seq)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inside a replay");
      assertThat(seqs(replay(log, 0))).isEqualTo(range(0, 20));
    }
  }

  @Test
  void reclaimDeletesOnlySegmentsWhollyBelowTheSeq() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 40, 100);
      List<Long> firstSeqs = segmentFirstSeqs();
      long keptFrom = firstSeqs.get(2);
      long reclaimSeq = keptFrom + 1;

      log.reclaimBefore(reclaimSeq);

      assertThat(segmentFirstSeqs()).isEqualTo(firstSeqs.subList(2, firstSeqs.size()));
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .noneMatch(n -> n.endsWith("reclaimed"));
      }
      assertThat(seqs(replay(log, reclaimSeq))).isEqualTo(range(reclaimSeq, 40));
      assertThat(seqs(replay(log, keptFrom))).isEqualTo(range(keptFrom, 40));
      assertThatThrownBy(() -> replay(log, keptFrom - 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("below " + keptFrom + " were reclaimed");

      log.reclaimBefore(Long.MAX_VALUE);
      assertThat(segmentFirstSeqs())
          .as("the active segment stays")
          .containsExactly(firstSeqs.getLast());
      assertThat(seqs(replay(log, firstSeqs.getLast()))).isEqualTo(range(firstSeqs.getLast(), 40));
    }
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      assertThat(log.nextSeq()).isEqualTo(40);
      assertThat(await(log.append(List.of(record(40, 100))))).isEqualTo(40);
    }
  }

  @Test
  void closeCompletesEveryPendingAppend() throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS);
    for (int i = 0; i < 500; i++) {
      futures.add(log.append(List.of(record(i, 100))));
    }

    log.close();

    assertThat(futures).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());
    assertThat(futures.getLast().join()).isEqualTo(499);
    assertThat(writerThreadAlive()).isFalse();
    log.close();
    assertThat(causeOf(log.append(List.of(record(500, 10)))))
        .isInstanceOf(IllegalStateException.class);
    try (SegmentedFileLog reopened = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      assertThat(seqs(replay(reopened, 0))).isEqualTo(range(0, 500));
    }
  }

  @Test
  void refusesAppendsAfterAWriteFailure() throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      assertThat(await(log.append(List.of(record(0, 100))))).isZero();
      // Whatever seq the next segment starts at, a directory already holds its name.
      for (long seq = 1; seq <= 30; seq++) {
        Files.createDirectory(SegmentFiles.path(dir, seq));
      }
      for (int i = 1; i <= 30; i++) {
        futures.add(log.append(List.of(record(i, 100))));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .exceptionally(error -> null)
          .get(30, SECONDS);

      int firstFailed = 0;
      while (!futures.get(firstFailed).isCompletedExceptionally()) {
        firstFailed++;
      }
      Throwable failure = causeOf(futures.get(firstFailed));
      assertThat(failure).isInstanceOf(FileAlreadyExistsException.class);
      for (CompletableFuture<Long> later : futures.subList(firstFailed, futures.size())) {
        assertThat(causeOf(later)).isSameAs(failure);
      }
      long nextSeq = log.nextSeq();
      CompletableFuture<Long> refused = log.append(List.of(record(nextSeq, 100)));
      assertThat(refused).isCompletedExceptionally();
      assertThat(causeOf(refused)).isSameAs(failure);
      assertThat(log.nextSeq()).isEqualTo(nextSeq);
    }
    for (long seq = 1; seq <= 30; seq++) {
      Files.delete(SegmentFiles.path(dir, seq));
    }
    try (SegmentedFileLog reopened = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      long acknowledged = 1 + futures.stream().filter(f -> !f.isCompletedExceptionally()).count();
      assertThat(reopened.nextSeq()).isGreaterThanOrEqualTo(acknowledged);
      assertThat(seqs(replay(reopened, 0))).isEqualTo(range(0, reopened.nextSeq()));
    }
  }

  @Test
  void refusesASecondOpenOfTheSameDirectory() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, LogOptions.DEFAULTS)) {
      assertThatThrownBy(() -> SegmentedFileLog.open(dir, LogOptions.DEFAULTS))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("already open");
      assertThat(await(log.append(List.of(record(0, 10))))).isZero();
    }
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
    }
  }

  private List<Long> segmentFirstSeqs() throws IOException {
    return new ArrayList<>(SegmentFiles.list(dir));
  }

  private static boolean writerThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(LogWriter.THREAD_NAME) && t.isAlive());
  }

  private static Throwable causeOf(CompletableFuture<?> future) {
    try {
      future.join();
      throw new AssertionError("expected a failed future");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void whatACrashLeftOfAReclaimedSegmentIsDeletedAtOpenAndNeverRead() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 40, 100);
    }
    List<Long> firstSeqs = segmentFirstSeqs();
    // A crash after the first segment was renamed out of the log and before its space was freed.
    Path first = SegmentFiles.path(dir, firstSeqs.getFirst());
    Path leftover = dir.resolve(first.getFileName() + ".reclaimed");
    Files.move(first, leftover);

    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      assertThat(leftover).doesNotExist();
      assertThat(segmentFirstSeqs()).isEqualTo(firstSeqs.subList(1, firstSeqs.size()));
      assertThat(seqs(replay(log, firstSeqs.get(1)))).isEqualTo(range(firstSeqs.get(1), 40));
      assertThat(log.nextSeq()).isEqualTo(40);
    }
  }
}
