package io.contacthub.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThreadingPolicyTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private final ConversationStore store = new ConversationStore();
  private final ThreadingPolicy policy = new ThreadingPolicy(store, Duration.ofHours(72));

  private Conversation arrive(Channel ch, Instant at, boolean automated, Conversation threaded) {
    Conversation c =
        policy.place(
            new ThreadingPolicy.Arrival(
                ch, Direction.INBOUND, InteractionKind.MESSAGE, automated, at, "subject"),
            "cust-1",
            Set.of("cust-1"),
            threaded);
    store.apply(c);
    return c;
  }

  /** The conversation as an agent resolved it, with this many interactions, stored. */
  private Conversation resolve(Conversation c, long interactionCount) {
    Conversation resolved =
        new Conversation(
            c.id(),
            c.customerId(),
            ConversationStatus.RESOLVED,
            c.channels(),
            c.subject(),
            c.createdAt(),
            c.lastActivityAt(),
            interactionCount);
    store.apply(resolved);
    return resolved;
  }

  @Test
  void channelsJoinOneConversationInsideTheWindow() {
    Conversation email = arrive(Channel.EMAIL, T0, false, null);
    Conversation whatsapp = arrive(Channel.WHATSAPP, T0.plus(Duration.ofHours(20)), false, null);
    Conversation call = arrive(Channel.PHONE, T0.plus(Duration.ofHours(40)), false, null);
    assertThat(whatsapp.id()).isEqualTo(email.id());
    assertThat(call.id()).isEqualTo(email.id());
    assertThat(call.channels())
        .containsExactlyInAnyOrder(Channel.EMAIL, Channel.WHATSAPP, Channel.PHONE);
    assertThat(call.interactionCount()).isEqualTo(3);
  }

  @Test
  void aNewConversationAfterTheWindow() {
    Conversation first = arrive(Channel.EMAIL, T0, false, null);
    Conversation later = arrive(Channel.WEBCHAT, T0.plus(Duration.ofHours(73)), false, null);
    assertThat(later.id()).isNotEqualTo(first.id());
  }

  @Test
  void resolvedConversationsAreNotContinuedButAThreadReopensThem() {
    Conversation first = arrive(Channel.EMAIL, T0, false, null);
    Conversation resolved = resolve(first, first.interactionCount());

    Conversation unthreaded = arrive(Channel.EMAIL, T0.plusSeconds(60), false, null);
    assertThat(unthreaded.id()).isNotEqualTo(first.id());

    Conversation reply = arrive(Channel.EMAIL, T0.plusSeconds(120), false, resolved);
    assertThat(reply.id()).isEqualTo(first.id());
    assertThat(reply.status()).isEqualTo(ConversationStatus.OPEN);
  }

  @Test
  void autoRepliesNeverReopen() {
    Conversation first = arrive(Channel.EMAIL, T0, false, null);
    Conversation resolved = resolve(first, 1);
    Conversation auto = arrive(Channel.EMAIL, T0.plusSeconds(5), true, resolved);
    assertThat(auto.id()).isEqualTo(first.id());
    assertThat(auto.status()).isEqualTo(ConversationStatus.RESOLVED);
  }
}
