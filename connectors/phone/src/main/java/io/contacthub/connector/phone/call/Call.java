package io.contacthub.connector.phone.call;

import io.contacthub.connector.Direction;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What is known about one call; kept on the timeline as {@code extras.call}. Immutable: every
 * change makes a new one, so a snapshot can be written while the next event is applied. Agents'
 * notes and disposition are not here but beside it in the interaction's extras, written by the hub.
 */
public record Call(
    String callId,
    Direction direction,
    String from,
    String to,
    String queue,
    CallState state,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    String answeredBy,
    String cause,
    String recordingUrl) {

  public Call {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * A call first seen at {@code e}. Seen first at its answer or hangup (the ringing was missed, or
   * the hub restarted in between), it starts at that event: the best that is known.
   */
  public static Call first(CallEvent e, String answeredBy) {
    Direction d = e.direction() == null ? Direction.INBOUND : e.direction();
    Call ringing =
        new Call(
            e.callId(),
            d,
            e.from(),
            e.to(),
            e.queue(),
            CallState.RINGING,
            e.at(),
            null,
            null,
            null,
            null,
            null);
    return switch (e.type()) {
      case RING -> ringing;
      case ANSWER -> ringing.answered(e.at(), answeredBy);
      case HANGUP -> {
        // A hangup naming who answered, with a normal clearing, was a talked call.
        boolean talked = answeredBy != null && "normalClearing".equals(e.cause());
        yield (talked ? ringing.answered(null, answeredBy) : ringing).hungUp(e.at(), e.cause());
      }
    };
  }

  /** Adds what a repeated ring tells and the first event did not. */
  public Call withRingInfo(CallEvent e) {
    return new Call(
        callId,
        direction,
        or(from, e.from()),
        or(to, e.to()),
        or(queue, e.queue()),
        state,
        startedAt,
        answeredAt,
        endedAt,
        answeredBy,
        cause,
        recordingUrl);
  }

  public Call answered(Instant at, String by) {
    return new Call(
        callId,
        direction,
        from,
        to,
        queue,
        CallState.ANSWERED,
        startedAt,
        at,
        endedAt,
        by,
        cause,
        recordingUrl);
  }

  public Call hungUp(Instant at, String hangupCause) {
    return new Call(
        callId,
        direction,
        from,
        to,
        queue,
        outcome(hangupCause),
        startedAt,
        answeredAt,
        at,
        answeredBy,
        hangupCause,
        recordingUrl);
  }

  public Call withRecording(String url) {
    return new Call(
        callId,
        direction,
        from,
        to,
        queue,
        state,
        startedAt,
        answeredAt,
        endedAt,
        answeredBy,
        cause,
        url);
  }

  /** The customer's side of the call: the caller of an inbound call, the callee of an outbound. */
  public String customerNumber() {
    return direction == Direction.INBOUND ? from : to;
  }

  public boolean wasAnswered() {
    return state == CallState.ANSWERED || answeredAt != null || answeredBy != null;
  }

  /** Talk time: from the answer to the hangup; null while unknown. */
  public Long durationSeconds() {
    return answeredAt == null || endedAt == null
        ? null
        : Duration.between(answeredAt, endedAt).toSeconds();
  }

  /** How long the customer waited: from the start to the answer, or to the hangup if none. */
  public Long waitSeconds() {
    Instant until = answeredAt != null ? answeredAt : endedAt;
    return until == null ? null : Duration.between(startedAt, until).toSeconds();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("state", state.wireName())
        .put("direction", direction.wireName())
        .put("from", from)
        .put("to", to)
        .put("queue", queue)
        .put("answeredBy", answeredBy)
        .put("startedAt", startedAt.toString())
        .put("answeredAt", answeredAt == null ? null : answeredAt.toString())
        .put("endedAt", endedAt == null ? null : endedAt.toString())
        .put("durationSeconds", durationSeconds())
        .put("waitSeconds", waitSeconds())
        .put("cause", cause)
        .put("recordingUrl", recordingUrl);
  }

  /** Reads back {@link #toJson()}, e.g. the stored call the hub hands over for a late recording. */
  public static Call fromJson(String callId, JsonObject j) {
    return new Call(
        callId,
        Direction.fromWireName(j.getString("direction", "inbound")).orElse(Direction.INBOUND),
        j.getString("from"),
        j.getString("to"),
        j.getString("queue"),
        CallState.fromWireName(j.getString("state", "ended")).orElse(CallState.ENDED),
        instant(j.getString("startedAt")),
        instantOrNull(j.getString("answeredAt")),
        instantOrNull(j.getString("endedAt")),
        j.getString("answeredBy"),
        j.getString("cause"),
        j.getString("recordingUrl"));
  }

  private CallState outcome(String hangupCause) {
    if (wasAnswered() || "forwarded".equals(hangupCause)) {
      return CallState.ENDED;
    }
    return direction == Direction.INBOUND && "cancel".equals(hangupCause)
        ? CallState.ABANDONED
        : CallState.MISSED;
  }

  private static String or(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  private static Instant instant(String s) {
    return s == null ? Instant.EPOCH : Instant.parse(s);
  }

  private static Instant instantOrNull(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
