package io.contacthub.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.hub.conversation.ConversationStore.ActivityKey;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationStoreTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private final ConversationStore store = new ConversationStore();

  @Test
  void inboxOrderIsLatestActivityFirstThenId() {
    // GIVEN
    store.apply(conversation("b", T0));
    store.apply(conversation("a", T0));
    store.apply(conversation("c", T0.plusSeconds(1)));
    store.apply(conversation("d", T0.minusSeconds(1)));

    // THEN
    assertThat(ids(store.byActivity(null, c -> true, 10))).containsExactly("c", "a", "b", "d");
    assertThat(ids(store.byActivity(new ActivityKey(T0, "a"), c -> true, 10)))
        .containsExactly("b", "d");
    assertThat(new ActivityKey(T0, "a")).isEqualByComparingTo(new ActivityKey(T0, "a"));
  }

  @Test
  void aConversationMovesToItsNewActivityAndIsListedOnce() {
    // GIVEN
    store.apply(conversation("a", T0));
    store.apply(conversation("b", T0.plusSeconds(1)));

    // WHEN "a" gets newer activity, and is then written again unchanged
    store.apply(conversation("a", T0.plusSeconds(2)));
    store.apply(conversation("a", T0.plusSeconds(2)));

    // THEN
    assertThat(ids(store.byActivity(null, c -> true, 10))).containsExactly("a", "b");
  }

  private static List<String> ids(List<Conversation> conversations) {
    List<String> out = new ArrayList<>();
    conversations.forEach(c -> out.add(c.id()));
    return out;
  }

  private static Conversation conversation(String id, Instant lastActivity) {
    return new Conversation(
        id, "cust-1", ConversationStatus.OPEN, Set.of(Channel.EMAIL), null, T0, lastActivity, 1);
  }
}
