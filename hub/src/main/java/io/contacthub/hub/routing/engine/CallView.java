package io.contacthub.hub.routing.engine;

import java.time.Instant;

/**
 * A phone call as the phone connector writes it into {@code extras.call}: routing tracks calls for
 * the metrics (the phone system itself rings the agents).
 *
 * @param queueHint the phone system's queue name, used when a routing queue has that name
 * @param state ringing, answered, ended, missed or abandoned
 */
public record CallView(
    String interactionId,
    String conversationId,
    String customerId,
    boolean inbound,
    String queueHint,
    String state,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    String answeredBy) {

  public boolean isFinal() {
    return "ended".equals(state) || "missed".equals(state) || "abandoned".equals(state);
  }

  public boolean wasAnswered() {
    return answeredAt != null || answeredBy != null || "answered".equals(state);
  }
}
