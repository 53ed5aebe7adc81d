package io.contacthub.hub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

  @Test
  void writesWhatToStringWrites() {
    // GIVEN the edges: every fraction length, the ends of the fast range and beyond it
    long[] seconds = {
      0,
      -1,
      59,
      86_399,
      951_782_400, // 2000-02-29
      Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
      Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() - 1,
      Instant.parse("9999-12-31T23:59:59Z").getEpochSecond(),
      Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1,
      Instant.MIN.getEpochSecond(),
      Instant.MAX.getEpochSecond()
    };
    int[] nanos = {0, 1, 10, 1_000, 100_000, 1_000_000, 120_000_000, 123_456_000, 999_999_999};
    for (long s : seconds) {
      for (int n : nanos) {
        Instant at = Instant.ofEpochSecond(s, n);
        assertThat(InstantText.of(at)).as("%s", at).isEqualTo(at.toString());
      }
    }

    // AND any instant at all
    SplittableRandom random = new SplittableRandom(20261206);
    for (int i = 0; i < 200_000; i++) {
      long s =
          i % 2 == 0
              ? random.nextLong(-70_000_000_000L, 260_000_000_000L)
              : random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
      int n =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant at = Instant.ofEpochSecond(s, n);
      assertThat(InstantText.of(at)).isEqualTo(at.toString());
    }
  }
}
