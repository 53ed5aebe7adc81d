package io.contacthub.hub.timeline;

import static io.contacthub.hub.timeline.TimelineFixtures.T0;
import static io.contacthub.hub.timeline.TimelineFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.TimelinePage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TimelinePagingTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Comparator<Interaction> NEWEST_FIRST =
      Comparator.comparing(Interaction::occurredAt).thenComparingLong(Interaction::seq).reversed();

  @TempDir Path dir;
  private LuceneTimelineIndex index;
  private long seq;

  /** The log position applied so far: every batch is one more record. */
  private long logSeq = 1_000;

  @BeforeEach
  void open() throws Exception {
    index =
        LuceneTimelineIndex.open(dir, TimelineOptions.DEFAULT.withMaxStale(Duration.ofSeconds(30)));
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  @Test
  void pagesThroughEveryInteractionNewestFirstWithoutGapsOrDuplicates() throws Exception {
    // GIVEN 57 interactions of one customer, three per minute (ties on time), applied in shuffled
    // order over several refreshes (several segments), mixed with another customer's
    List<Interaction> mine = interactions("cust-a", 57);
    applyInBatches(mine, 4);
    applyInBatches(interactions("cust-b", 20), 2);

    // WHEN paging with limit 10
    List<Interaction> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    do {
      TimelinePage page = index.timeline(Set.of("cust-a"), cursor, 10);
      seen.addAll(page.items());
      pageSizes.add(page.items().size());
      cursor = page.nextCursor();
    } while (cursor != null);

    // THEN every interaction shows once, newest first, ties broken by the higher seq
    assertThat(pageSizes).containsExactly(10, 10, 10, 10, 10, 7);
    assertThat(seen).containsExactlyElementsOf(mine.stream().sorted(NEWEST_FIRST).toList());
  }

  @Test
  void showsMergedCustomersInOneTimeline() throws Exception {
    List<Interaction> a = interactions("cust-a", 5);
    List<Interaction> b = interactions("cust-b", 4);
    applyInBatches(a, 1);
    applyInBatches(b, 1);
    applyInBatches(interactions("cust-c", 3), 1);

    TimelinePage page = index.timeline(Set.of("cust-a", "cust-b"), null, 50);

    List<Interaction> both = new ArrayList<>(a);
    both.addAll(b);
    assertThat(page.items()).containsExactlyElementsOf(both.stream().sorted(NEWEST_FIRST).toList());
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void newerInteractionsDoNotShiftLaterPages() throws Exception {
    List<Interaction> mine = interactions("cust-a", 6);
    applyInBatches(mine, 1);
    TimelinePage first = index.timeline(Set.of("cust-a"), null, 3);

    // A new message arrives between two page requests
    applyInBatches(
        List.of(message("late", ++seq).customer("cust-a").at(T0.plusSeconds(9999)).build()), 1);
    TimelinePage second = index.timeline(Set.of("cust-a"), first.nextCursor(), 3);

    List<Interaction> expected = mine.stream().sorted(NEWEST_FIRST).toList();
    assertThat(second.items()).containsExactlyElementsOf(expected.subList(3, 6));
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void clampsTheLimit() throws Exception {
    applyInBatches(interactions("cust-a", 3), 1);

    assertThat(index.timeline(Set.of("cust-a"), null, 0).items()).hasSize(1);
    assertThat(index.timeline(Set.of("cust-a"), null, 10_000).items()).hasSize(3);
  }

  @Test
  void unknownOrNoCustomersHaveAnEmptyTimeline() throws Exception {
    applyInBatches(interactions("cust-a", 3), 1);

    assertThat(index.timeline(Set.of("cust-x"), null, 10).items()).isEmpty();
    assertThat(index.timeline(Set.of(), null, 10).items()).isEmpty();
  }

  @Test
  void rejectsACursorOfAnotherTimelineOrGarbage() throws Exception {
    applyInBatches(interactions("cust-a", 5), 1);
    applyInBatches(interactions("cust-b", 5), 1);
    String cursorOfA = index.timeline(Set.of("cust-a"), null, 2).nextCursor();

    assertThatThrownBy(() -> index.timeline(Set.of("cust-b"), cursorOfA, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different query");
    assertThatThrownBy(() -> index.timeline(Set.of("cust-a"), "not a cursor!", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cursor");
    assertThatThrownBy(() -> index.timeline(Set.of("cust-a"), cursorOfA.substring(3), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(index.timeline(new TreeSet<>(Set.of("cust-a")), cursorOfA, 2).items()).hasSize(2);
  }

  /** {@code count} interactions, three per minute, with increasing seq. */
  private List<Interaction> interactions(String customer, int count) {
    List<Interaction> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long s = ++seq;
      result.add(
          message(customer + "-" + i, s)
              .customer(customer)
              .at(T0.plusSeconds(60L * (i / 3)))
              .text("message " + i)
              .build());
    }
    return result;
  }

  private void applyInBatches(List<Interaction> interactions, int batches) throws Exception {
    List<Interaction> shuffled = new ArrayList<>(interactions);
    Collections.shuffle(shuffled, new Random(42));
    int size = (shuffled.size() + batches - 1) / batches;
    for (int from = 0; from < shuffled.size(); from += size) {
      List<Interaction> batch = shuffled.subList(from, Math.min(shuffled.size(), from + size));
      index.apply(batch, List.of(), List.of(), ++logSeq);
      assertThat(index.awaitSearchable(logSeq, WAIT)).isTrue();
    }
  }
}
