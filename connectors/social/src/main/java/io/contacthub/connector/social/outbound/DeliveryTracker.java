package io.contacthub.connector.social.outbound;

import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages this node sent lately and the furthest delivery state seen for each, so that a
 * status arriving out of order ({@code delivered} after {@code read}) never moves a message back,
 * and a Messenger watermark can be turned into the messages it covers. Bounded: the oldest entries
 * go first; after a restart the first status of an old message is applied as it comes.
 */
public final class DeliveryTracker {

  private record Sent(String recipientId, Instant at) {}

  private final int capacity;
  private final Map<String, DeliveryState> states;
  private final Map<String, Sent> sent;

  public DeliveryTracker(int capacity) {
    this.capacity = capacity;
    this.states = lru();
    this.sent = lru();
  }

  private <V> Map<String, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** A message left for {@code recipientId}; the platform accepted it as {@code sent}. */
  public synchronized void sent(String messageId, String recipientId, Instant at) {
    sent.put(messageId, new Sent(recipientId, at));
    states.merge(messageId, DeliveryState.SENT, DeliveryTracker::further);
  }

  /** Whether {@code state} moves the message forward; does not record it (see {@link #record}). */
  public synchronized boolean advances(String messageId, DeliveryState state) {
    DeliveryState known = states.get(messageId);
    return known == null || rank(state) > rank(known);
  }

  public synchronized void record(String messageId, DeliveryState state) {
    states.merge(messageId, state, DeliveryTracker::further);
  }

  /** Messages to {@code recipientId} sent at or before {@code watermark}. */
  public synchronized List<String> sentTo(String recipientId, Instant watermark) {
    List<String> out = new ArrayList<>();
    sent.forEach(
        (id, s) -> {
          if (s.recipientId().equals(recipientId) && !s.at().isAfter(watermark)) {
            out.add(id);
          }
        });
    return out;
  }

  private static DeliveryState further(DeliveryState a, DeliveryState b) {
    return rank(b) > rank(a) ? b : a;
  }

  /** A failure is final; a read message was delivered; a delivered one was sent. */
  private static int rank(DeliveryState s) {
    return switch (s) {
      case QUEUED -> 0;
      case SENT -> 1;
      case DELIVERED -> 2;
      case READ -> 3;
      case FAILED -> 4;
    };
  }
}
