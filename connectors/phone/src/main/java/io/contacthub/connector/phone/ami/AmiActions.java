package io.contacthub.connector.phone.ami;

import io.vertx.core.buffer.Buffer;

/** Writes AMI actions: {@code Action: Name} and its fields, CRLF lines, an empty line to end. */
public final class AmiActions {

  private AmiActions() {}

  public static Buffer login(String actionId, String username, String secret) {
    return action(
        "Login", "Username", username, "Secret", secret, "ActionID", actionId, "Events", "on");
  }

  public static Buffer ping(String actionId) {
    return action("Ping", "ActionID", actionId);
  }

  public static Buffer logoff(String actionId) {
    return action("Logoff", "ActionID", actionId);
  }

  /** {@code keyValues}: key, value, key, value, ... in the order they are sent. */
  static Buffer action(String name, String... keyValues) {
    StringBuilder b = new StringBuilder();
    append(b, "Action", name);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      append(b, keyValues[i], keyValues[i + 1]);
    }
    b.append("\r\n");
    return Buffer.buffer(b.toString());
  }

  private static void append(StringBuilder b, String key, String value) {
    // A line break in a value would start a new field: refuse rather than let config inject one.
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("AMI field " + key + " contains a line break");
    }
    b.append(key).append(": ").append(value).append("\r\n");
  }
}
