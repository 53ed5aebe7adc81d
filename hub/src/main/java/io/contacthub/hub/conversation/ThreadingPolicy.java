package io.contacthub.hub.conversation;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where an interaction goes once its customer is known: the thread its channel names (keys or a
 * signed conversation link), else the customer's latest open conversation active within the
 * continuity window (whatever the channel: an email, a WhatsApp message and a call join one
 * conversation), else a new one.
 */
public final class ThreadingPolicy {

  /** What the policy needs to know about the interaction being placed. */
  public record Arrival(
      Channel channel,
      Direction direction,
      InteractionKind kind,
      boolean automated,
      Instant occurredAt,
      String subject) {}

  private final ConversationStore store;
  private final Duration continuityWindow;

  public ThreadingPolicy(ConversationStore store, Duration continuityWindow) {
    this.store = store;
    this.continuityWindow = continuityWindow;
  }

  /**
   * @param threaded the conversation the channel's thread names, already checked to belong to
   *     {@code members}; null when none
   * @return the new snapshot of the conversation the interaction joins
   */
  public Conversation place(
      Arrival a, String customerId, Set<String> members, Conversation threaded) {
    Conversation target = threaded;
    if (target == null && !a.automated()) {
      target = store.latestActive(members, a.occurredAt().minus(continuityWindow)).orElse(null);
    }
    if (target == null) {
      return new Conversation(
          Ids.next(),
          customerId,
          initialStatus(a),
          EnumSet.of(a.channel()),
          a.subject(),
          a.occurredAt(),
          a.occurredAt(),
          1);
    }
    Set<Channel> channels = EnumSet.of(a.channel());
    channels.addAll(target.channels());
    Instant last =
        a.occurredAt().isAfter(target.lastActivityAt()) ? a.occurredAt() : target.lastActivityAt();
    return new Conversation(
        target.id(),
        target.customerId(),
        reopens(a) ? ConversationStatus.OPEN : target.status(),
        channels,
        target.subject() != null ? target.subject() : a.subject(),
        target.createdAt(),
        last,
        target.interactionCount() + 1);
  }

  /** A customer writing or calling again reopens; auto-replies and our own replies do not. */
  private static boolean reopens(Arrival a) {
    return a.direction() == Direction.INBOUND
        && !a.automated()
        && a.kind() != InteractionKind.STATUS;
  }

  private static ConversationStatus initialStatus(Arrival a) {
    if (a.automated() || a.kind() == InteractionKind.STATUS) {
      return ConversationStatus.RESOLVED;
    }
    return a.direction() == Direction.OUTBOUND
        ? ConversationStatus.PENDING
        : ConversationStatus.OPEN;
  }
}
