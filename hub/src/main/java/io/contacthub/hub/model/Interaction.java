package io.contacthub.hub.model;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * An interaction as the hub stores it: resolved to a customer and a conversation, with its log
 * sequence number. This is the record in the log and the source of the index document.
 *
 * @param seq the log sequence number of the record that last wrote it
 * @param threadKeys the channel-namespaced keys later interactions may reference (e.g. {@code
 *     email:<message-id>})
 */
public record Interaction(
    String id,
    long seq,
    Channel channel,
    String externalId,
    Direction direction,
    InteractionKind kind,
    Instant occurredAt,
    Instant receivedAt,
    String customerId,
    String conversationId,
    List<NormalizedIdentity> identities,
    List<String> threadKeys,
    String subject,
    String text,
    String html,
    List<AttachmentRef> attachments,
    boolean automated,
    JsonObject extras) {

  public Interaction {
    identities = identities == null ? List.of() : List.copyOf(identities);
    threadKeys = threadKeys == null ? List.of() : List.copyOf(threadKeys);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    extras = extras == null ? new JsonObject() : extras;
  }

  /** The idempotency key: a channel's external id is unique within that channel. */
  public String dedupeKey() {
    return dedupeKey(channel, externalId);
  }

  public static String dedupeKey(Channel channel, String externalId) {
    return channel.wireName() + ":" + externalId;
  }

  /**
   * The text of the agents' notes on this interaction ({@code extras.notes[].text}, e.g. on a
   * call), one per line, or null when it has none; searchable like the interaction's own text.
   */
  public String notesText() {
    JsonArray notes = extras.getJsonArray("notes");
    if (notes == null || notes.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Object note : notes) {
      if (note instanceof JsonObject n && n.getValue("text") instanceof String text) {
        out.append(out.isEmpty() ? "" : "\n").append(text);
      }
    }
    return out.isEmpty() ? null : out.toString();
  }

  public Interaction withSeq(long newSeq) {
    return new Interaction(
        id,
        newSeq,
        channel,
        externalId,
        direction,
        kind,
        occurredAt,
        receivedAt,
        customerId,
        conversationId,
        identities,
        threadKeys,
        subject,
        text,
        html,
        attachments,
        automated,
        extras);
  }

  /** This interaction after an update: new text and extras, and more thread keys. */
  public Interaction updated(String newText, JsonObject newExtras, List<String> addedThreadKeys) {
    List<String> keys = new java.util.ArrayList<>(threadKeys);
    addedThreadKeys.stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    return new Interaction(
        id,
        seq,
        channel,
        externalId,
        direction,
        kind,
        occurredAt,
        receivedAt,
        customerId,
        conversationId,
        identities,
        keys,
        subject,
        newText,
        html,
        attachments,
        automated,
        newExtras);
  }

  public JsonObject toJson() {
    return JsonTree.of(this, Interaction::writeJson);
  }

  /** The fields of {@link #toJson()}, written to {@code out}. */
  public static void writeJson(Interaction i, JsonOut out) {
    out.put("interactionId", i.id)
        .put("seq", i.seq)
        .put("channel", i.channel.wireName())
        .put("externalId", i.externalId)
        .put("direction", i.direction.wireName())
        .put("kind", i.kind.wireName())
        .put("occurredAt", InstantText.of(i.occurredAt))
        .put("receivedAt", InstantText.of(i.receivedAt))
        .put("customerId", i.customerId)
        .put("conversationId", i.conversationId)
        .putObjects("identities", i.identities, NormalizedIdentity::writeJson)
        .putStrings("threadKeys", i.threadKeys)
        .put("subject", i.subject)
        .put("text", i.text)
        .put("html", i.html)
        .putObjects("attachments", i.attachments, Interaction::writeAttachment)
        .put("automated", i.automated)
        .put("extras", i.extras);
  }

  private static void writeAttachment(AttachmentRef a, JsonOut out) {
    out.put("id", a.id())
        .put("filename", a.filename())
        .put("contentType", a.contentType())
        .put("size", a.size())
        .put("url", a.url())
        .put("inline", a.inline());
  }

  public static Interaction fromJson(JsonObject j) {
    List<NormalizedIdentity> ids =
        j.getJsonArray("identities", new JsonArray()).stream()
            .map(o -> NormalizedIdentity.fromJson((JsonObject) o))
            .toList();
    List<AttachmentRef> atts =
        j.getJsonArray("attachments", new JsonArray()).stream()
            .map(o -> (JsonObject) o)
            .map(
                a ->
                    new AttachmentRef(
                        a.getString("id"),
                        a.getString("filename"),
                        a.getString("contentType"),
                        a.getLong("size", 0L),
                        a.getString("url"),
                        a.getBoolean("inline", false)))
            .toList();
    List<String> keys =
        j.getJsonArray("threadKeys", new JsonArray()).stream().map(String.class::cast).toList();
    return new Interaction(
        j.getString("interactionId"),
        j.getLong("seq", 0L),
        Channel.fromWireName(j.getString("channel")).orElseThrow(),
        j.getString("externalId"),
        Direction.fromWireName(j.getString("direction")).orElseThrow(),
        InteractionKind.fromWireName(j.getString("kind")).orElseThrow(),
        Instant.parse(j.getString("occurredAt")),
        Instant.parse(j.getString("receivedAt")),
        j.getString("customerId"),
        j.getString("conversationId"),
        ids,
        keys,
        j.getString("subject"),
        j.getString("text"),
        j.getString("html"),
        atts,
        j.getBoolean("automated", false),
        j.getJsonObject("extras", new JsonObject()));
  }
}
