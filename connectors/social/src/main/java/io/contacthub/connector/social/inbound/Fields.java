package io.contacthub.connector.social.inbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Strict reads of webhook JSON: a missing required field or a field of the wrong type is a {@link
 * PayloadException} that names where it is ({@code entry[0].changes[1].value.messages[0].id}).
 */
public final class Fields {

  private Fields() {}

  public static JsonObject object(JsonObject o, String key, String where) {
    Object v = o.getValue(key);
    if (v instanceof JsonObject j) {
      return j;
    }
    throw new PayloadException(
        where + "." + key + (v == null ? " is missing" : " is not an object"));
  }

  /** An optional object: null when absent. */
  public static JsonObject optObject(JsonObject o, String key, String where) {
    return o.getValue(key) == null ? null : object(o, key, where);
  }

  /** An optional array: empty when absent. */
  public static JsonArray array(JsonObject o, String key, String where) {
    Object v = o.getValue(key);
    if (v == null) {
      return new JsonArray();
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    throw new PayloadException(where + "." + key + " is not an array");
  }

  public static JsonObject objectAt(JsonArray a, int i, String where) {
    if (a.getValue(i) instanceof JsonObject j) {
      return j;
    }
    throw new PayloadException(where + "[" + i + "] is not an object");
  }

  /** A required, non-blank string; platforms that send numeric ids get them as text. */
  public static String text(JsonObject o, String key, String where) {
    String v = optText(o, key, where);
    if (v == null || v.isBlank()) {
      throw new PayloadException(where + "." + key + " is missing");
    }
    return v;
  }

  /** An optional string (or number, as text); null when absent. */
  public static String optText(JsonObject o, String key, String where) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number n) {
      return n instanceof Double || n instanceof Float
          ? n.toString()
          : String.valueOf(n.longValue());
    }
    throw new PayloadException(where + "." + key + " is not a string");
  }

  /** A required number, also when sent as a numeric string. */
  public static double number(JsonObject o, String key, String where) {
    Object v = o.getValue(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new PayloadException(
        where + "." + key + (v == null ? " is missing" : " is not a number"));
  }

  /** Unix seconds (WhatsApp sends them as a string, Telegram as a number). */
  public static Instant epochSeconds(JsonObject o, String key, String where) {
    return instant((long) number(o, key, where), 1000, where + "." + key);
  }

  /** Unix milliseconds (Messenger and Instagram). */
  public static Instant epochMillis(JsonObject o, String key, String where) {
    return instant((long) number(o, key, where), 1, where + "." + key);
  }

  private static Instant instant(long value, long factor, String where) {
    // Before 2000 or after 2200 is no real message time: refuse rather than misplace it.
    long millis = value * factor;
    if (millis < 946_684_800_000L || millis > 7_258_118_400_000L) {
      throw new PayloadException(where + " is not a plausible time: " + value);
    }
    try {
      return Instant.ofEpochMilli(millis);
    } catch (DateTimeException e) {
      throw new PayloadException(where + " is not a time: " + value);
    }
  }
}
