package io.contacthub.hub.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The due-time index on its own: each key comes due once, at its moment, earliest first. */
@Timeout(10)
class DueTimesTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private final DueTimes due = new DueTimes();

  @Test
  void keysComeDueOnceAtTheirMomentEarliestFirst() {
    due.schedule("a", T0.plusSeconds(10));
    due.schedule("b", T0.plusSeconds(5));
    due.schedule("c", T0.plusSeconds(20));
    due.schedule("d", T0.plusSeconds(10));

    assertThat(due.takeDue(T0.plusMillis(4_999))).isEmpty();
    assertThat(due.takeDue(T0.plusSeconds(10))).containsExactly("b", "a", "d");
    assertThat(due.takeDue(T0.plusSeconds(10))).as("taken once").isEmpty();
    assertThat(due.size()).isEqualTo(1);
    assertThat(due.takeDue(T0.plusSeconds(100))).containsExactly("c");
    assertThat(due.size()).isZero();
  }

  @Test
  void schedulingAKeyAgainReplacesItsEntry() {
    due.schedule("a", T0.plusSeconds(10));
    due.schedule("a", T0.plusSeconds(30));
    due.schedule("a", T0.plusSeconds(30));

    assertThat(due.size()).isEqualTo(1);
    assertThat(due.dueOf("a")).isEqualTo(T0.plusSeconds(30));
    assertThat(due.takeDue(T0.plusSeconds(20))).isEmpty();
    assertThat(due.takeDue(T0.plusSeconds(30))).containsExactly("a");
  }

  @Test
  void aKeyTakenOutNeverComesDue() {
    due.schedule("a", T0.plusSeconds(10));
    due.schedule("b", T0.plusSeconds(10));
    due.schedule("a", null);
    due.schedule("b", null);

    assertThat(due.dueOf("a")).isNull();
    assertThat(due.takeDue(T0.plusSeconds(60))).isEmpty();
  }
}
