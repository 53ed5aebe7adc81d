package io.contacthub.hub.api;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.connector.ThreadHints;
import io.contacthub.hub.model.HubException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks the JSON of {@code POST /api/v1/interactions} (and of each batch item) against the
 * contract's {@code InboundInteraction} schema and maps it to an {@link InboundInteraction}. Bad
 * input fails with a 400 {@link HubException} that names the field.
 *
 * <p>This is the contract's validation for these bodies, written out (decision 0018): the generic
 * JSON Schema validator cost more CPU per interaction than storing it. It refuses exactly what the
 * schema refuses, and {@code InteractionContractTest} holds it to {@code docs/openapi.yaml}: a
 * change to the schema that this class does not follow fails that test.
 *
 * <p>The hub threads on exact strings, so thread keys and references are namespaced by channel here
 * ({@code email:abc@x}): the same id on two channels never joins two threads. For email, ids lose
 * their angle brackets, {@code messageId} joins the keys, {@code inReplyTo} the references, and
 * {@code references} may be the raw whitespace-separated header.
 */
final class InteractionMapper {

  /** The properties of {@code InboundInteraction}; the schema allows no others. */
  static final Set<String> PROPERTIES =
      Set.of(
          "channel",
          "externalId",
          "direction",
          "kind",
          "occurredAt",
          "identities",
          "text",
          "subject",
          "html",
          "threadKeys",
          "references",
          "messageId",
          "inReplyTo",
          "conversationId",
          "automated",
          "extras");

  /** The properties of {@code IdentityIn}. */
  static final Set<String> IDENTITY_PROPERTIES = Set.of("type", "value", "verified", "displayName");

  private static final int MAX_ID_CHARS = 512;
  private static final int MAX_IDENTITIES = 50;
  private static final int MAX_DISPLAY_NAME_CHARS = 200;
  private static final int MAX_SUBJECT_CHARS = 2000;
  private static final int MAX_THREAD_KEYS = 100;

  /**
   * {@code format: date-time} as vertx-json-schema 5.0.8 checks it: this pattern, then {@link
   * DateTimeFormatter#ISO_DATE_TIME}. An instant also needs an offset, which {@link Instant#parse}
   * checks; only strings all three accept pass.
   */
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "^\\d\\d\\d\\d-[0-1]\\d-[0-3]\\d[t\\s](?:[0-2]\\d:[0-5]\\d:[0-5]\\d|23:59:60)(?:\\.\\d+)?"
              + "(?:z?|[+-]\\d\\d(?::?\\d\\d)?)$",
          Pattern.CASE_INSENSITIVE);

  private InteractionMapper() {}

  /**
   * @param htmlAllowed whether the caller may send {@code html}: the hub stores it unsanitized, so
   *     only integrations holding the ingest token, which sanitize it themselves, may
   */
  static InboundInteraction fromJson(JsonObject body, boolean htmlAllowed) {
    onlyKnownProperties(body, PROPERTIES, "");
    Channel channel = wireEnum(body, "channel", Channel::fromWireName, "channel");
    String externalId = requiredString(body, "externalId", "externalId", 1, MAX_ID_CHARS);
    Direction direction = wireEnum(body, "direction", Direction::fromWireName, "direction");
    InteractionKind kind =
        body.containsKey("kind")
            ? wireEnum(body, "kind", InteractionKind::fromWireName, "kind")
            : InteractionKind.MESSAGE;
    Instant occurredAt = instant(body, "occurredAt");
    List<Identity> identities = identities(body);
    String text = requiredString(body, "text", "text", 0, Integer.MAX_VALUE);
    String subject = optionalString(body, "subject", MAX_SUBJECT_CHARS);
    String html = optionalString(body, "html", Integer.MAX_VALUE);
    if (html != null && !htmlAllowed) {
      throw HubException.badRequest(
          "html: accepted only with the ingest token, from integrations that sanitize it");
    }
    ThreadHints thread = threadHints(channel, body);
    boolean automated = optionalBoolean(body, "automated", "automated");
    JsonObject extras = optionalObject(body, "extras");
    return InboundInteraction.message(channel, externalId)
        .direction(direction)
        .kind(kind)
        .occurredAt(occurredAt)
        .identities(identities)
        .thread(thread)
        .subject(subject)
        .text(text)
        .html(html)
        .automated(automated)
        .extras(extras)
        .build();
  }

  static JsonObject toJson(Accepted a) {
    return new JsonObject()
        .put("interactionId", a.interactionId())
        .put("customerId", a.customerId())
        .put("conversationId", a.conversationId())
        .put("duplicate", a.duplicate());
  }

  private static void onlyKnownProperties(JsonObject object, Set<String> known, String prefix) {
    for (String field : object.fieldNames()) {
      if (!known.contains(field)) {
        throw HubException.badRequest(prefix + field + ": is not a known property");
      }
    }
  }

  private static List<Identity> identities(JsonObject body) {
    JsonArray array = requiredArray(body, "identities");
    if (array.isEmpty()) {
      throw HubException.badRequest("identities: at least one identity is required");
    }
    if (array.size() > MAX_IDENTITIES) {
      throw HubException.badRequest("identities: at most " + MAX_IDENTITIES + " are allowed");
    }
    List<Identity> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String field = "identities[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject id)) {
        throw HubException.badRequest(field + ": must be an object");
      }
      onlyKnownProperties(id, IDENTITY_PROPERTIES, field + ".");
      out.add(
          new Identity(
              wireEnum(id, "type", IdentityType::fromWireName, field + ".type"),
              requiredString(id, "value", field + ".value", 1, MAX_ID_CHARS),
              optionalBoolean(id, "verified", field + ".verified"),
              optionalString(id, "displayName", field + ".displayName", MAX_DISPLAY_NAME_CHARS)));
    }
    return out;
  }

  private static ThreadHints threadHints(Channel channel, JsonObject body) {
    boolean email = channel == Channel.EMAIL;
    Set<String> keys = new LinkedHashSet<>();
    List<String> threadKeys = strings(body, "threadKeys");
    if (threadKeys.size() > MAX_THREAD_KEYS) {
      throw HubException.badRequest("threadKeys: at most " + MAX_THREAD_KEYS + " are allowed");
    }
    for (int i = 0; i < threadKeys.size(); i++) {
      if (threadKeys.get(i).isEmpty()) {
        throw HubException.badRequest("threadKeys[" + i + "]: must not be empty");
      }
      addKey(keys, channel, threadKeys.get(i), email);
    }
    Optional.ofNullable(optionalString(body, "messageId", Integer.MAX_VALUE))
        .ifPresent(k -> addKey(keys, channel, k, email));
    Set<String> references = new LinkedHashSet<>();
    Object refs = body.getValue("references");
    if (refs instanceof String header) {
      for (String r : email ? header.trim().split("\\s+") : new String[] {header}) {
        addKey(references, channel, r, email);
      }
    } else {
      strings(body, "references").forEach(r -> addKey(references, channel, r, email));
    }
    Optional.ofNullable(optionalString(body, "inReplyTo", Integer.MAX_VALUE))
        .ifPresent(r -> addKey(references, channel, r, email));
    return new ThreadHints(
        List.copyOf(keys),
        List.copyOf(references),
        optionalString(body, "conversationId", Integer.MAX_VALUE));
  }

  private static void addKey(Set<String> into, Channel channel, String raw, boolean email) {
    String key = raw.trim();
    if (email && key.startsWith("<") && key.endsWith(">")) {
      key = key.substring(1, key.length() - 1).trim();
    }
    if (!key.isEmpty()) {
      into.add(channel.wireName() + ":" + key);
    }
  }

  /** An optional array of strings (absent: empty). */
  private static List<String> strings(JsonObject body, String field) {
    if (!body.containsKey(field)) {
      return List.of();
    }
    if (!(body.getValue(field) instanceof JsonArray array)) {
      throw HubException.badRequest(field + ": must be an array of strings");
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s)) {
        throw HubException.badRequest(field + "[" + i + "]: must be a string");
      }
      out.add(s);
    }
    return out;
  }

  private static JsonArray requiredArray(JsonObject body, String field) {
    if (!body.containsKey(field)) {
      throw HubException.badRequest(field + ": is required");
    }
    if (!(body.getValue(field) instanceof JsonArray array)) {
      throw HubException.badRequest(field + ": must be an array");
    }
    return array;
  }

  private static Instant instant(JsonObject body, String field) {
    String value = requiredString(body, field, field, 0, Integer.MAX_VALUE);
    Instant utc = utcInstant(value);
    if (utc != null) {
      return utc;
    }
    try {
      if (DATE_TIME.matcher(value).matches()) {
        DateTimeFormatter.ISO_DATE_TIME.parse(value);
        return Instant.parse(value);
      }
    } catch (DateTimeParseException e) {
      // Reported below, as a string that does not match the pattern is.
    }
    throw HubException.badRequest(
        field + ": '" + value + "' is not an ISO-8601 instant (e.g. 2025-03-01T09:30:00Z)");
  }

  /**
   * The common form, {@code 2025-03-01T09:30:00Z} with 0 to 9 fraction digits, read directly: the
   * general check above costs ten times more and was most of the mapping's CPU. Null for any other
   * string (also an invalid date or time in this form), which the general check then answers, so
   * the result is the same either way.
   */
  private static Instant utcInstant(String s) {
    int n = s.length();
    if (n < 20
        || n == 21
        || n > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z'
        || (n > 20 && s.charAt(19) != '.')) {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > Month.of(month).length(Year.isLeap(year))
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || fraction < 0) {
      return null;
    }
    int nanos = n > 20 ? fraction * (int) Math.pow(10, 30 - n) : 0;
    return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
        .toInstant(ZoneOffset.UTC);
  }

  /** The decimal number in {@code s[from, to)}, or -1 if a character there is not a digit. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static <E> E wireEnum(
      JsonObject object, String field, Function<String, Optional<E>> parse, String name) {
    String value = requiredString(object, field, name, 0, Integer.MAX_VALUE);
    return parse
        .apply(value)
        .orElseThrow(() -> HubException.badRequest(name + ": unknown value '" + value + "'"));
  }

  private static String requiredString(
      JsonObject object, String field, String name, int minChars, int maxChars) {
    if (!object.containsKey(field)) {
      throw HubException.badRequest(name + ": is required");
    }
    return string(object.getValue(field), name, minChars, maxChars);
  }

  private static String optionalString(JsonObject object, String field, int maxChars) {
    return optionalString(object, field, field, maxChars);
  }

  private static String optionalString(JsonObject object, String field, String name, int maxChars) {
    return object.containsKey(field) ? string(object.getValue(field), name, 0, maxChars) : null;
  }

  /** Lengths count characters (code points), as JSON Schema's do. */
  private static String string(Object value, String name, int minChars, int maxChars) {
    if (!(value instanceof String s)) {
      throw HubException.badRequest(name + ": must be a string");
    }
    if (s.length() < minChars) {
      throw HubException.badRequest(name + ": must not be empty");
    }
    if (s.length() > maxChars && s.codePointCount(0, s.length()) > maxChars) {
      throw HubException.badRequest(name + ": must be at most " + maxChars + " characters");
    }
    return s;
  }

  private static boolean optionalBoolean(JsonObject object, String field, String name) {
    if (!object.containsKey(field)) {
      return false;
    }
    if (!(object.getValue(field) instanceof Boolean b)) {
      throw HubException.badRequest(name + ": must be true or false");
    }
    return b;
  }

  private static JsonObject optionalObject(JsonObject body, String field) {
    if (!body.containsKey(field)) {
      return null;
    }
    if (!(body.getValue(field) instanceof JsonObject object)) {
      throw HubException.badRequest(field + ": must be an object");
    }
    return object;
  }
}
