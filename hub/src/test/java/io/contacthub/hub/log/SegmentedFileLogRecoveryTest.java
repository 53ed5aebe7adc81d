package io.contacthub.hub.log;

import static io.contacthub.hub.log.LogFixtures.SMALL_SEGMENTS;
import static io.contacthub.hub.log.LogFixtures.appendEach;
import static io.contacthub.hub.log.LogFixtures.await;
import static io.contacthub.hub.log.LogFixtures.flipByte;
import static io.contacthub.hub.log.LogFixtures.range;
import static io.contacthub.hub.log.LogFixtures.record;
import static io.contacthub.hub.log.LogFixtures.replay;
import static io.contacthub.hub.log.LogFixtures.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.contacthub.hub.log.LogFixtures.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reopening after a crash. With {@link LogFixtures#SMALL_SEGMENTS} and 100-byte records a segment
 * holds 9 frames of 108 bytes after its 16-byte header: segments start at seqs 0, 9, 18, 27, 36.
 */
class SegmentedFileLogRecoveryTest {

  private static final int FRAME = 8 + 100;

  @TempDir Path dir;

  @Test
  void cutsATornLastRecordAtAnyOffsetAndAppendsAfterTheLastWholeOne() throws Exception {
    Path source = dir.resolve("source");
    try (SegmentedFileLog log = SegmentedFileLog.open(source, SMALL_SEGMENTS)) {
      appendEach(log, 39, 100);
      await(log.append(List.of(record(39, 300))));
    }
    long fileSize = Files.size(SegmentFiles.path(source, 36));
    long lastRecordAt = fileSize - (8 + 300);
    TreeSet<Long> cuts = new TreeSet<>(List.of(1L, 3L, 4L, 7L, 8L, 9L, 8L + 299));
    Random random = new Random(42);
    while (cuts.size() < 25) {
      cuts.add(1 + (long) random.nextInt(8 + 300 - 1));
    }

    for (long cut : cuts) {
      Path crashed = copyOf(source, "cut-" + cut);
      Path last = SegmentFiles.path(crashed, 36);
      try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
        channel.truncate(lastRecordAt + cut);
      }

      try (SegmentedFileLog log = SegmentedFileLog.open(crashed, SMALL_SEGMENTS)) {
        assertThat(log.nextSeq()).as("cut at %d", cut).isEqualTo(39);
        assertThat(Files.size(last)).as("cut at %d", cut).isEqualTo(lastRecordAt);
        assertThat(seqs(replay(log, 0))).isEqualTo(range(0, 39));
        assertThat(await(log.append(List.of(record(39, 50))))).isEqualTo(39);
      }
      try (SegmentedFileLog log = SegmentedFileLog.open(crashed, SMALL_SEGMENTS)) {
        List<Entry> replayed = replay(log, 0);
        assertThat(seqs(replayed)).isEqualTo(range(0, 40));
        assertThat(replayed.get(38).record()).isEqualTo(record(38, 100));
        assertThat(replayed.get(39).record()).isEqualTo(record(39, 50));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void cutsGarbageAfterTheLastRecord(String kind, byte[] garbage) throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 40, 100);
    }
    Path last = SegmentFiles.path(dir, 36);
    long goodSize = Files.size(last);
    Files.write(last, garbage, StandardOpenOption.APPEND);

    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      assertThat(Files.size(last)).isEqualTo(goodSize);
      assertThat(log.nextSeq()).isEqualTo(40);
      assertThat(await(log.append(List.of(record(40, 100))))).isEqualTo(40);
      List<Entry> replayed = replay(log, 0);
      assertThat(seqs(replayed)).isEqualTo(range(0, 41));
      assertThat(replayed.get(40).record()).isEqualTo(record(40, 100));
    }
  }

  static Stream<Arguments> garbage() {
    byte[] randomBytes = new byte[37];
    new Random(7).nextBytes(randomBytes);
    byte[] hugeLength = ByteBuffer.allocate(8).putInt(1 << 30).putInt(0).array();
    byte[] wrongCrc = ByteBuffer.allocate(8 + 20).putInt(20).putInt(12345).array();
    return Stream.of(
        Arguments.of("random bytes", randomBytes),
        Arguments.of("zero-filled block", new byte[4096]),
        Arguments.of("frame header with a huge length", hugeLength),
        Arguments.of("whole frame with a wrong CRC", wrongCrc),
        Arguments.of("half a frame header", new byte[] {0, 0, 0}));
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 7, 16})
  void takesOverALastSegmentWhoseCreationWasCutShort(int headerBytes) throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 36, 100);
    }
    Files.write(SegmentFiles.path(dir, 36), new byte[headerBytes]);

    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      assertThat(log.nextSeq()).isEqualTo(36);
      assertThat(await(log.append(List.of(record(36, 100))))).isEqualTo(36);
      assertThat(Files.size(SegmentFiles.path(dir, 36))).isEqualTo(16 + FRAME);
      assertThat(seqs(replay(log, 30))).isEqualTo(range(30, 37));
    }
  }

  @ParameterizedTest(name = "byte {0} of the middle segment")
  @MethodSource("damage")
  void refusesToOpenWithARecordDamagedBeforeTheLastSegment(
      long damagedByte, long reportedOffset, String problem) throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 40, 100);
    }
    Path middle = SegmentFiles.path(dir, 18);
    flipByte(middle, damagedByte);

    assertThatThrownBy(() -> SegmentedFileLog.open(dir, SMALL_SEGMENTS))
        .isInstanceOf(CorruptLogException.class)
        .hasMessageContaining("00000000000000000018.log at offset " + reportedOffset)
        .hasMessageContaining(problem)
        .asInstanceOf(type(CorruptLogException.class))
        .satisfies(
            e -> {
              assertThat(e.file()).isEqualTo(middle);
              assertThat(e.offset()).isEqualTo(reportedOffset);
            });
  }

  static Stream<Arguments> damage() {
    long third = 16 + 2 * FRAME;
    return Stream.of(
        Arguments.of(0L, 0L, "not a log segment"),
        Arguments.of(third, third, "runs past the end"),
        Arguments.of(third + 5, third, "CRC mismatch"),
        Arguments.of(third + 8 + 50, third, "CRC mismatch"));
  }

  @Test
  void refusesToOpenWithAMissingMiddleSegment() throws Exception {
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, SMALL_SEGMENTS)) {
      appendEach(log, 40, 100);
    }
    Files.delete(SegmentFiles.path(dir, 18));

    assertThatThrownBy(() -> SegmentedFileLog.open(dir, SMALL_SEGMENTS))
        .isInstanceOf(CorruptLogException.class)
        .hasMessageContaining("00000000000000000009.log at offset " + (16 + 9 * FRAME))
        .hasMessageContaining("should hold seqs 9 to 26");
  }

  private Path copyOf(Path source, String name) throws IOException {
    Path copy = Files.createDirectory(dir.resolve(name));
    for (long firstSeq : SegmentFiles.list(source)) {
      Files.copy(SegmentFiles.path(source, firstSeq), SegmentFiles.path(copy, firstSeq));
    }
    return copy;
  }
}
