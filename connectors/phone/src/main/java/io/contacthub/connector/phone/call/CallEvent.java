package io.contacthub.connector.phone.call;

import io.contacthub.connector.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing that happened to a call, as every source reports it: the generic CTI webhook, the AMI
 * client and the CDR importer all speak this.
 *
 * @param agents who the phone system says is involved: names, logins, extensions or emails (CTI
 *     {@code user[]}, the dialed extension on AMI)
 * @param answeringNumber who answered, as the phone system knows them (extension, login, email)
 * @param cause the hangup cause in the generic CTI vocabulary ({@code normalClearing}, {@code
 *     busy}, {@code cancel}, {@code noAnswer}, {@code congestion}, {@code notFound}, {@code
 *     forwarded}) or the phone system's own word
 */
public record CallEvent(
    Type type,
    String callId,
    Instant at,
    Direction direction,
    String from,
    String to,
    String queue,
    List<String> agents,
    String answeringNumber,
    String cause) {

  /** The generic CTI events; AMI events are mapped onto these. */
  public enum Type {
    RING,
    ANSWER,
    HANGUP
  }

  public CallEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(at, "at");
    agents = agents == null ? List.of() : List.copyOf(agents);
  }

  /** A call's ringing as a call log records it: no targeted agents, no answering number. */
  public static CallEvent loggedRing(
      String callId, Instant at, Direction direction, String from, String to, String queue) {
    return new CallEvent(Type.RING, callId, at, direction, from, to, queue, List.of(), null, null);
  }

  /** The agent keys to look up: the answering number first, as the most specific. */
  public List<String> agentKeys() {
    if (answeringNumber == null) {
      return agents;
    }
    java.util.ArrayList<String> keys = new java.util.ArrayList<>();
    keys.add(answeringNumber);
    keys.addAll(agents);
    return keys;
  }
}
