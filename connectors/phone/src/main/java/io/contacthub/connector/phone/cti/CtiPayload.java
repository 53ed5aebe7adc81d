package io.contacthub.connector.phone.cti;

import io.contacthub.connector.Direction;
import io.contacthub.connector.phone.call.CallEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads a generic CTI request (the format of Zammad's CTI push API): {@code event}, {@code from},
 * {@code to}, {@code direction}, {@code callId}, {@code user[]}, {@code queue}, {@code
 * answeringNumber}, {@code cause}, form-encoded (URL-encoded or multipart) or JSON.
 */
public final class CtiPayload {

  /** The longest call id the generic CTI API allows. */
  public static final int MAX_CALL_ID = 250;

  private CtiPayload() {}

  public static CallEvent fromJson(JsonObject json, Instant at) {
    return parse(name -> jsonValues(json.getValue(name)), at);
  }

  public static CallEvent fromForm(MultiMap form, Instant at) {
    return parse(name -> form.getAll(name).stream().map(CtiPayload::unquote).toList(), at);
  }

  private static CallEvent parse(Function<String, List<String>> fields, Instant at) {
    String event = first(fields, "event");
    if (event == null) {
      throw new CtiPayloadException("event is required: newCall, answer or hangup");
    }
    CallEvent.Type type =
        switch (event) {
          case "newCall" -> CallEvent.Type.RING;
          case "answer" -> CallEvent.Type.ANSWER;
          case "hangup" -> CallEvent.Type.HANGUP;
          default ->
              throw new CtiPayloadException(
                  "unknown event '" + event + "'; expected newCall, answer or hangup");
        };
    String callId = first(fields, "callId");
    if (callId == null) {
      throw new CtiPayloadException("callId is required: it matches the events of one call");
    }
    if (callId.length() > MAX_CALL_ID) {
      throw new CtiPayloadException("callId is longer than " + MAX_CALL_ID + " characters");
    }
    Direction direction = direction(first(fields, "direction"));
    if (direction == null && type == CallEvent.Type.RING) {
      throw new CtiPayloadException("direction is required on newCall: in or out");
    }
    List<String> users = new ArrayList<>(fields.apply("user[]"));
    users.addAll(fields.apply("user"));
    return new CallEvent(
        type,
        callId,
        at,
        direction,
        first(fields, "from"),
        first(fields, "to"),
        first(fields, "queue"),
        users.stream().filter(u -> !u.isBlank()).map(String::strip).toList(),
        first(fields, "answeringNumber"),
        first(fields, "cause"));
  }

  private static Direction direction(String d) {
    if (d == null) {
      return null;
    }
    return switch (d.toLowerCase(Locale.ROOT)) {
      case "in", "inbound" -> Direction.INBOUND;
      case "out", "outbound" -> Direction.OUTBOUND;
      default -> throw new CtiPayloadException("direction must be in or out, not '" + d + "'");
    };
  }

  private static String first(Function<String, List<String>> fields, String name) {
    for (String v : fields.apply(name)) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  /** JSON payloads send {@code user} as a string or an array; ids may come as numbers. */
  private static List<String> jsonValues(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof JsonArray a) {
      List<String> out = new ArrayList<>();
      a.forEach(x -> out.add(x == null ? null : String.valueOf(x)));
      return out;
    }
    if (v instanceof JsonObject) {
      throw new CtiPayloadException("fields must be strings or lists of strings");
    }
    return List.of(String.valueOf(v));
  }

  /**
   * The CTI documentation writes form values as {@code event:"newCall"}, and curl's {@code --form
   * 'event="newCall"'} strips the quotes; clients copying the listing literally send them. Both
   * mean the same value.
   */
  private static String unquote(String v) {
    String s = v.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
