package io.contacthub.connector.phone.ami;

import java.util.List;
import java.util.Map;

/**
 * One AMI packet: {@code Key: Value} lines in order (keys may repeat, e.g. {@code ChanVariable}).
 * Keys are matched without regard to case, as Asterisk does.
 */
public record AmiMessage(List<Map.Entry<String, String>> fields) {

  public AmiMessage {
    fields = List.copyOf(fields);
  }

  /** The first value of a key, or null. */
  public String get(String key) {
    for (Map.Entry<String, String> f : fields) {
      if (f.getKey().equalsIgnoreCase(key)) {
        return f.getValue();
      }
    }
    return null;
  }

  /** The event name, or null for a response. */
  public String event() {
    return get("Event");
  }

  /** The response status ({@code Success}, {@code Error}), or null for an event. */
  public String response() {
    return get("Response");
  }
}
