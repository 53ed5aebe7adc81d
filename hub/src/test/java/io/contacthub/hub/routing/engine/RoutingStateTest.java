package io.contacthub.hub.routing.engine;

import static io.contacthub.hub.routing.engine.WaitingItems.T0;
import static io.contacthub.hub.routing.engine.WaitingItems.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.work.WorkItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Amending an item (SLA notices, the first response) leaves its places alone and is still a change
 * everyone hears of; an amendment that would move the item is refused.
 */
class RoutingStateTest {

  @Test
  void amendingKeepsTheItemsPlacesAndIsNotedToo() {
    RoutingState state = state(5);
    List<WorkItem> heard = new ArrayList<>();
    state.observe(observer(heard));
    WorkItem third = state.item("conv-2").orElseThrow();
    List<WorkItem> waitingBefore = List.copyOf(state.waiting());
    long versionBefore = state.version();

    state.amend(third, x -> x.notice("firstResponse.warning"));
    state.amend(third, x -> x.responded(T0.plusSeconds(40)));

    assertThat(third.noticed("firstResponse.warning")).isTrue();
    assertThat(third.firstResponseAt()).isEqualTo(T0.plusSeconds(40));
    assertThat(state.waiting()).containsExactlyElementsOf(waitingBefore);
    assertThat(waitingInQueues(state)).isEqualTo(5);
    assertThat(state.openItemOf("conv-2")).containsSame(third);
    assertThat(heard).containsExactly(third, third);
    assertThat(state.version()).isEqualTo(versionBefore + 2);
    assertThat(state.drain().itemIds()).containsExactly("conv-2");
    // Still found where the sorted sets keep it: taking it out by a change works
    state.change(third, WorkItem::close);
    assertThat(state.waiting()).hasSize(4).doesNotContain(third);
    assertThat(waitingInQueues(state)).isEqualTo(4);
  }

  @Test
  void anAmendmentThatMovesTheItemIsRefused() {
    RoutingState state = state(2);
    WorkItem first = state.item("conv-0").orElseThrow();

    assertThatThrownBy(() -> state.amend(first, x -> x.requeue("vip", T0.plusSeconds(90))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("conv-0");
    assertThatThrownBy(() -> state.amend(state.item("conv-1").orElseThrow(), x -> x.offer("a", T0)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAmendedItemIsHandedOverToAKeptSnapshotFirst() {
    RoutingState state = state(1);
    WorkItem w = state.item("conv-0").orElseThrow();
    String asThen = w.toJson().encode();
    PreservedItems kept = state.preserveItems();

    state.amend(w, x -> x.notice("resolution.warning"));

    assertThat(kept.copies(0, 1).get(0).toJson().encode()).isEqualTo(asThen);
    assertThat(w.toJson().encode()).isNotEqualTo(asThen);
    kept.release();
  }

  private static int waitingInQueues(RoutingState state) {
    int[] waiting = {0};
    state.waitingByQueue().forEach((queue, channel, size, first) -> waiting[0] += size);
    return waiting[0];
  }

  private static RoutingState.Observer observer(List<WorkItem> heard) {
    return new RoutingState.Observer() {
      @Override
      public void itemChanged(WorkItem w) {
        heard.add(w);
      }

      @Override
      public void agentChanged(Agent a) {}
    };
  }
}
