package io.contacthub.hub.routing.engine;

import static io.contacthub.hub.routing.engine.WaitingItems.T0;
import static io.contacthub.hub.routing.engine.WaitingItems.item;
import static io.contacthub.hub.routing.engine.WaitingItems.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.routing.work.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Items kept as they stood for a snapshot's thread: what routing changes afterwards, on its own
 * thread and while the copies are being read, never shows in them; released, they are no longer
 * read.
 */
class PreservedItemsTest {

  @Test
  void itemsChangedClosedOrAddedAfterwardsComeOutAsTheyStood() {
    RoutingState state = state(10);
    List<String> asThen = json(state.items());
    PreservedItems kept = state.preserveItems();

    List<WorkItem> open = List.copyOf(state.items());
    state.change(open.get(0), x -> x.offer("agent-1", T0.plusSeconds(30)));
    state.change(open.get(0), x -> x.accept(T0.plusSeconds(5)));
    state.change(open.get(1), WorkItem::close);
    state.change(open.get(2), x -> x.notice("resolution.warning"));
    state.put(item(99));

    assertThat(kept.size()).isEqualTo(10);
    assertThat(json(kept.copies(0, 10))).containsExactlyElementsOf(asThen);
    assertThat(json(kept.copies(3, 5))).containsExactlyElementsOf(asThen.subList(3, 5));
    assertThat(open.get(0).agent()).isEqualTo("agent-1");
    assertThat(state.items()).hasSize(10);
  }

  @Test
  void twoKeptAtOnceEachHoldTheirMomentUntilReleased() {
    RoutingState state = state(3);
    WorkItem w = state.items().iterator().next();
    String asFirst = w.toJson().encode();
    PreservedItems first = state.preserveItems();
    state.change(w, x -> x.offer("agent-1", T0.plusSeconds(30)));
    String asSecond = w.toJson().encode();
    PreservedItems second = state.preserveItems();
    state.change(w, x -> x.accept(T0.plusSeconds(5)));

    assertThat(first.copies(0, 1).get(0).toJson().encode()).isEqualTo(asFirst);
    assertThat(second.copies(0, 1).get(0).toJson().encode()).isEqualTo(asSecond);
    first.release();
    assertThatThrownBy(() -> first.copies(0, 1)).isInstanceOf(IllegalStateException.class);
    assertThat(second.copies(0, 1).get(0).toJson().encode()).isEqualTo(asSecond);
    second.release();
    assertThatThrownBy(() -> second.copies(0, 1)).isInstanceOf(IllegalStateException.class);
    state.change(w, WorkItem::close);
    assertThat(state.items()).hasSize(2);
  }

  @Test
  void copiesReadWhileRoutingChangesTheItemsAreNeverTorn() throws Exception {
    RoutingState state = state(20_000);
    List<String> asThen = json(state.items());
    List<WorkItem> open = List.copyOf(state.items());
    PreservedItems kept = state.preserveItems();

    // Routing offers every item and takes the offer back, on its own thread, while the snapshot's
    // thread reads them a slice at a time
    CompletableFuture<Void> routing =
        CompletableFuture.runAsync(
            () -> {
              for (WorkItem w : open) {
                state.change(w, x -> x.offer("agent-1", T0.plusSeconds(30)));
                state.change(w, WorkItem::declined);
              }
            });
    int rounds = 0;
    do {
      rounds++;
      for (int from = 0; from < kept.size(); from += 256) {
        int to = Math.min(from + 256, kept.size());
        assertThat(json(kept.copies(from, to))).isEqualTo(asThen.subList(from, to));
      }
    } while (!routing.isDone());
    routing.get(10, TimeUnit.SECONDS);

    assertThat(rounds).isPositive();
    assertThat(open).allSatisfy(w -> assertThat(w.declinedBy()).containsExactly("agent-1"));
  }

  private static List<String> json(Iterable<WorkItem> items) {
    List<String> out = new ArrayList<>();
    items.forEach(w -> out.add(w.toJson().encode()));
    return out;
  }
}
