package io.contacthub.hub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsAreUniqueVersion7UuidsCarryingTheirCreationTime() {
    // GIVEN
    long before = System.currentTimeMillis();

    // WHEN
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.next());
    }
    long after = System.currentTimeMillis();

    // THEN
    assertThat(ids).hasSize(10_000);
    Set<Long> lowBits = new HashSet<>();
    for (String id : ids) {
      UUID u = UUID.fromString(id);
      assertThat(u.version()).isEqualTo(7);
      assertThat(u.variant()).isEqualTo(2);
      assertThat(u.getMostSignificantBits() >>> 16).isBetween(before, after);
      lowBits.add(u.getLeastSignificantBits());
    }
    assertThat(lowBits).hasSize(10_000);
  }
}
