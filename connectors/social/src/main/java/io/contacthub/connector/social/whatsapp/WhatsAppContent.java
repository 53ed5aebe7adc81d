package io.contacthub.connector.social.whatsapp;

import static io.contacthub.connector.social.inbound.Fields.array;
import static io.contacthub.connector.social.inbound.Fields.number;
import static io.contacthub.connector.social.inbound.Fields.object;
import static io.contacthub.connector.social.inbound.Fields.objectAt;
import static io.contacthub.connector.social.inbound.Fields.optObject;
import static io.contacthub.connector.social.inbound.Fields.optText;
import static io.contacthub.connector.social.inbound.Fields.text;

import io.contacthub.connector.AttachmentRef;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of one WhatsApp message by its {@code type}: the text agents read and search, media
 * as metadata with a reference the content can be fetched from, and the structured parts kept in
 * extras (location, shared contacts, the chosen button or list row, a reaction).
 */
final class WhatsAppContent {

  record Content(String text, List<AttachmentRef> attachments, JsonObject extras) {}

  private final String mediaBase;

  WhatsAppContent(String mediaBase) {
    this.mediaBase = mediaBase;
  }

  Content of(JsonObject m, String type, String at) {
    return switch (type) {
      case "text" -> plain(text(object(m, "text", at), "body", at + ".text"));
      case "image", "video", "audio", "document", "sticker" -> media(m, type, at);
      case "location" -> location(object(m, "location", at), at + ".location");
      case "contacts" -> contacts(array(m, "contacts", at), at + ".contacts");
      case "interactive" -> interactive(object(m, "interactive", at), at + ".interactive");
      case "button" -> {
        JsonObject b = object(m, "button", at);
        yield new Content(
            text(b, "text", at + ".button"), List.of(), new JsonObject().put("button", b));
      }
      case "reaction" -> reaction(object(m, "reaction", at), at + ".reaction");
      default ->
          // "unsupported", "system", "order" and types added later: recorded, never dropped.
          new Content(
              "[" + type + " message]", List.of(), new JsonObject().put("unsupported", m.copy()));
    };
  }

  private static Content plain(String text) {
    return new Content(text, List.of(), new JsonObject());
  }

  private Content media(JsonObject m, String type, String at) {
    JsonObject media = object(m, type, at);
    String where = at + "." + type;
    String id = text(media, "id", where);
    String mime = text(media, "mime_type", where);
    String filename = optText(media, "filename", where);
    String caption = optText(media, "caption", where);
    AttachmentRef ref =
        new AttachmentRef(
            null,
            filename != null ? filename : type + "-" + id,
            mime,
            0,
            mediaBase + "/" + id,
            false);
    JsonObject meta = new JsonObject().put("id", id).put("mimeType", mime).put("kind", type);
    putIfPresent(meta, "sha256", optText(media, "sha256", where));
    if (Boolean.TRUE.equals(media.getValue("voice"))) {
      meta.put("voice", true);
    }
    String text = caption != null && !caption.isBlank() ? caption : "[" + type + "]";
    return new Content(text, List.of(ref), new JsonObject().put("media", meta));
  }

  private static Content location(JsonObject l, String at) {
    double lat = number(l, "latitude", at);
    double lon = number(l, "longitude", at);
    String name = optText(l, "name", at);
    String address = optText(l, "address", at);
    StringBuilder text = new StringBuilder("Location");
    if (name != null) {
      text.append(": ").append(name);
    }
    if (address != null) {
      text.append(name == null ? ": " : ", ").append(address);
    }
    text.append(" (").append(lat).append(", ").append(lon).append(')');
    JsonObject loc = new JsonObject().put("latitude", lat).put("longitude", lon);
    putIfPresent(loc, "name", name);
    putIfPresent(loc, "address", address);
    putIfPresent(loc, "url", optText(l, "url", at));
    return new Content(text.toString(), List.of(), new JsonObject().put("location", loc));
  }

  /** Shared contact cards: people the customer names, never identities of the customer. */
  private static Content contacts(JsonArray cards, String at) {
    if (cards.isEmpty()) {
      throw new io.contacthub.connector.social.inbound.PayloadException(at + " is empty");
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < cards.size(); i++) {
      JsonObject card = objectAt(cards, i, at);
      JsonObject name = optObject(card, "name", at + "[" + i + "]");
      String formatted = name == null ? null : optText(name, "formatted_name", at + "[" + i + "]");
      JsonArray phones = array(card, "phones", at + "[" + i + "]");
      List<String> numbers = new ArrayList<>();
      for (int p = 0; p < phones.size(); p++) {
        String phone = optText(objectAt(phones, p, at + ".phones"), "phone", at + ".phones");
        if (phone != null) {
          numbers.add(phone);
        }
      }
      lines.add(
          (formatted == null ? "(no name)" : formatted)
              + (numbers.isEmpty() ? "" : " " + String.join(", ", numbers)));
    }
    return new Content(
        "Shared contact: " + String.join("; ", lines),
        List.of(),
        new JsonObject().put("contacts", cards.copy()));
  }

  private static Content interactive(JsonObject i, String at) {
    String kind = text(i, "type", at);
    if (!"button_reply".equals(kind) && !"list_reply".equals(kind)) {
      return new Content(
          "[interactive " + kind + "]", List.of(), new JsonObject().put("interactive", i.copy()));
    }
    JsonObject reply = object(i, kind, at);
    String title = text(reply, "title", at + "." + kind);
    JsonObject chosen =
        new JsonObject().put("type", kind).put("id", text(reply, "id", at + "." + kind));
    chosen.put("title", title);
    putIfPresent(chosen, "description", optText(reply, "description", at + "." + kind));
    return new Content(title, List.of(), new JsonObject().put("interactive", chosen));
  }

  private static Content reaction(JsonObject r, String at) {
    String messageId = text(r, "message_id", at);
    String emoji = optText(r, "emoji", at);
    boolean removed = emoji == null || emoji.isEmpty();
    return new Content(
        removed ? "Removed a reaction" : "Reacted " + emoji,
        List.of(),
        new JsonObject()
            .put(
                "reaction",
                new JsonObject().put("messageId", messageId).put("emoji", removed ? null : emoji)));
  }

  private static void putIfPresent(JsonObject o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }
}
