package io.contacthub.connector.testkit;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Identity;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the fake hub stores, with the hub's rules in small: idempotent on {@code (channel,
 * externalId)}; a customer per identity; an interaction joins the conversation its thread keys or
 * references name, else a new one; updates replace top-level extras keys. Not thread-safe: {@link
 * FakeConnectorContext} calls it under its lock.
 */
final class FakeTimeline {

  private final Map<String, JsonObject> stored = new LinkedHashMap<>();
  private final Map<String, String> customerByIdentity = new HashMap<>();
  private final Map<String, JsonObject> customers = new HashMap<>();
  private final Map<String, String> conversationByKey = new HashMap<>();
  private final Map<String, List<String>> keysByConversation = new LinkedHashMap<>();
  private int nextId;

  /** Stores a new interaction, or answers the stored one as a duplicate. */
  Accepted ingest(InboundInteraction i) {
    JsonObject existing = stored.get(key(i.channel().wireName(), i.externalId()));
    if (existing != null) {
      return accepted(existing, true);
    }
    String customerId = customerFor(i.identities());
    String conversation = conversationFor(i);
    i.thread().keys().forEach(k -> addKey(conversation, k));
    JsonObject json =
        new JsonObject()
            .put("interactionId", "int-" + ++nextId)
            .put("channel", i.channel().wireName())
            .put("externalId", i.externalId())
            .put("direction", i.direction().wireName())
            .put("kind", i.kind().wireName())
            .put("occurredAt", i.occurredAt().toString())
            .put("customerId", customerId)
            .put("conversationId", conversation)
            .put("threadKeys", new JsonArray(i.thread().keys()))
            .put("subject", i.subject())
            .put("text", i.text())
            .put("extras", i.extras().copy());
    stored.put(key(i.channel().wireName(), i.externalId()), json);
    return accepted(json, false);
  }

  /** Applies an update; null when the interaction is unknown. */
  Accepted update(InteractionUpdate update) {
    JsonObject current = stored.get(key(update.channel().wireName(), update.externalId()));
    if (current == null) {
      return null;
    }
    current.getJsonObject("extras").mergeIn(update.extras());
    if (update.text() != null) {
      current.put("text", update.text());
    }
    update.threadKeys().forEach(k -> addKey(current.getString("conversationId"), k));
    return accepted(current, false);
  }

  JsonObject interaction(String channel, String externalId) {
    JsonObject j = stored.get(key(channel, externalId));
    return j == null ? null : j.copy();
  }

  /** Profile, open conversations and latest history, as the hub's snapshot; null if unknown. */
  JsonObject snapshot(Identity identity, int historyItems) {
    String customerId = customerByIdentity.get(key(identity));
    if (customerId == null) {
      return null;
    }
    List<JsonObject> mine =
        stored.values().stream().filter(j -> customerId.equals(j.getString("customerId"))).toList();
    JsonArray conversations = new JsonArray();
    mine.stream()
        .map(j -> j.getString("conversationId"))
        .distinct()
        .forEach(
            c ->
                conversations.add(
                    new JsonObject()
                        .put("conversationId", c)
                        .put("customerId", customerId)
                        .put("status", "open")));
    List<JsonObject> history =
        mine.stream()
            .sorted(Comparator.comparing((JsonObject j) -> j.getString("occurredAt")).reversed())
            .limit(historyItems)
            .map(JsonObject::copy)
            .toList();
    return new JsonObject()
        .put("customer", customers.get(customerId).copy())
        .put("conversations", conversations)
        .put("history", new JsonArray(new ArrayList<>(history)));
  }

  List<String> threadKeys(String conversationId) {
    return List.copyOf(keysByConversation.getOrDefault(conversationId, List.of()));
  }

  void addKey(String conversation, String key) {
    conversationByKey.putIfAbsent(key, conversation);
    keysByConversation.computeIfAbsent(conversation, c -> new ArrayList<>()).add(key);
  }

  private String conversationFor(InboundInteraction i) {
    List<String> keys = new ArrayList<>(i.thread().references());
    keys.addAll(i.thread().keys());
    return keys.stream()
        .map(conversationByKey::get)
        .filter(c -> c != null)
        .reduce((first, later) -> later)
        .orElseGet(() -> "conv-" + ++nextId);
  }

  private String customerFor(List<Identity> identities) {
    String owner =
        identities.stream()
            .map(i -> customerByIdentity.get(key(i)))
            .filter(c -> c != null)
            .findFirst()
            .orElse(null);
    if (owner == null) {
      owner = "cust-" + ++nextId;
      String name =
          identities.stream()
              .map(Identity::displayName)
              .filter(n -> n != null)
              .findFirst()
              .orElse(null);
      customers.put(
          owner,
          new JsonObject()
              .put("customerId", owner)
              .put("displayName", name)
              .put("identities", new JsonArray()));
    }
    for (Identity i : identities) {
      if (customerByIdentity.putIfAbsent(key(i), owner) == null) {
        customers
            .get(owner)
            .getJsonArray("identities")
            .add(
                new JsonObject()
                    .put("type", i.type().wireName())
                    .put("value", i.value())
                    .put("verified", i.verified()));
      }
    }
    return owner;
  }

  private static Accepted accepted(JsonObject j, boolean duplicate) {
    return new Accepted(
        j.getString("interactionId"),
        j.getString("customerId"),
        j.getString("conversationId"),
        duplicate);
  }

  private static String key(String channel, String externalId) {
    return channel + "|" + externalId;
  }

  private static String key(Identity i) {
    return i.type().wireName() + ":" + i.value().strip().toLowerCase(Locale.ROOT);
  }
}
