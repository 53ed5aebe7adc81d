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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps the JSON of {@code POST /api/v1/interactions} to an {@link InboundInteraction}. Bad input
 * fails with a 400 {@link HubException} that names the field.
 *
 * <p>The hub threads on exact strings, so thread keys and references are namespaced by channel here
 * ({@code email:abc@x}): the same id on two channels never joins two threads. For email, ids lose
 * their angle brackets, {@code messageId} joins the keys, {@code inReplyTo} the references, and
 * {@code references} may be the raw whitespace-separated header.
 */
final class InteractionMapper {

  private InteractionMapper() {}

  /**
   * @param htmlAllowed whether the caller may send {@code html}: the hub stores it unsanitized, so
   *     only integrations holding the ingest token, which sanitize it themselves, may
   */
  static InboundInteraction fromJson(JsonObject body, boolean htmlAllowed) {
    Channel channel = wireEnum(body, "channel", Channel::fromWireName);
    String html = optionalString(body, "html");
    if (html != null && !htmlAllowed) {
      throw HubException.badRequest(
          "html: accepted only with the ingest token, from integrations that sanitize it");
    }
    return InboundInteraction.message(channel, requiredString(body, "externalId"))
        .direction(wireEnum(body, "direction", Direction::fromWireName))
        .kind(
            body.containsKey("kind")
                ? wireEnum(body, "kind", InteractionKind::fromWireName)
                : InteractionKind.MESSAGE)
        .occurredAt(instant(body, "occurredAt"))
        .identities(identities(body))
        .thread(threadHints(channel, body))
        .subject(optionalString(body, "subject"))
        .text(requiredString(body, "text"))
        .html(html)
        .automated(Boolean.TRUE.equals(body.getValue("automated")))
        .extras(body.getValue("extras") instanceof JsonObject extras ? extras : null)
        .build();
  }

  static JsonObject toJson(Accepted a) {
    return new JsonObject()
        .put("interactionId", a.interactionId())
        .put("customerId", a.customerId())
        .put("conversationId", a.conversationId())
        .put("duplicate", a.duplicate());
  }

  private static List<Identity> identities(JsonObject body) {
    if (!(body.getValue("identities") instanceof JsonArray array) || array.isEmpty()) {
      throw HubException.badRequest("identities: at least one identity is required");
    }
    List<Identity> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String field = "identities[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject id)) {
        throw HubException.badRequest(field + ": must be an object");
      }
      out.add(
          new Identity(
              wireEnum(id, "type", IdentityType::fromWireName, field + ".type"),
              requiredString(id, "value", field + ".value"),
              Boolean.TRUE.equals(id.getValue("verified")),
              optionalString(id, "displayName")));
    }
    return out;
  }

  private static ThreadHints threadHints(Channel channel, JsonObject body) {
    boolean email = channel == Channel.EMAIL;
    Set<String> keys = new LinkedHashSet<>();
    strings(body, "threadKeys").forEach(k -> addKey(keys, channel, k, email));
    Optional.ofNullable(optionalString(body, "messageId"))
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
    Optional.ofNullable(optionalString(body, "inReplyTo"))
        .ifPresent(r -> addKey(references, channel, r, email));
    return new ThreadHints(
        List.copyOf(keys), List.copyOf(references), optionalString(body, "conversationId"));
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

  private static List<String> strings(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw HubException.badRequest(field + ": must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s)) {
        throw HubException.badRequest(field + "[" + i + "]: must be a string");
      }
      out.add(s);
    }
    return out;
  }

  private static Instant instant(JsonObject body, String field) {
    String value = requiredString(body, field);
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw HubException.badRequest(
          field + ": '" + value + "' is not an ISO-8601 instant (e.g. 2025-03-01T09:30:00Z)");
    }
  }

  private static <E> E wireEnum(
      JsonObject body, String field, Function<String, Optional<E>> parse) {
    return wireEnum(body, field, parse, field);
  }

  private static <E> E wireEnum(
      JsonObject body, String field, Function<String, Optional<E>> parse, String name) {
    String value = requiredString(body, field, name);
    return parse
        .apply(value)
        .orElseThrow(() -> HubException.badRequest(name + ": unknown value '" + value + "'"));
  }

  private static String requiredString(JsonObject body, String field) {
    return requiredString(body, field, field);
  }

  private static String requiredString(JsonObject body, String field, String name) {
    Object value = body.getValue(field);
    if (value == null) {
      throw HubException.badRequest(name + ": is required");
    }
    if (!(value instanceof String s)) {
      throw HubException.badRequest(name + ": must be a string");
    }
    return s;
  }

  private static String optionalString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw HubException.badRequest(field + ": must be a string");
    }
    return (String) value;
  }
}
