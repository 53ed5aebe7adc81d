package io.contacthub.hub.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownKeysTest {

  @Test
  void everyAddedKeyIsFoundAfterTheFilterGrowsManyTimes() {
    // GIVEN a filter sized for 100 keys, given 20,000 (it grows by doubling sets)
    KnownKeys keys = new KnownKeys("dedupe", 100);
    for (int i = 0; i < 20_000; i++) {
      keys.add("email:k" + i);
    }

    // THEN there is no false negative, and few false positives
    for (int i = 0; i < 20_000; i++) {
      assertThat(keys.mayContain("email:k" + i)).as("key %d", i).isTrue();
    }
    long falsePositives =
        java.util.stream.IntStream.range(0, 10_000)
            .filter(i -> keys.mayContain("other:" + i))
            .count();
    assertThat(falsePositives).isLessThan(1_000); // about 1% per set, at most ~8 sets
  }
}
