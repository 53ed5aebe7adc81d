package io.contacthub.connector.social.telegram;

import static io.contacthub.connector.social.inbound.Fields.array;
import static io.contacthub.connector.social.inbound.Fields.epochSeconds;
import static io.contacthub.connector.social.inbound.Fields.number;
import static io.contacthub.connector.social.inbound.Fields.object;
import static io.contacthub.connector.social.inbound.Fields.objectAt;
import static io.contacthub.connector.social.inbound.Fields.optObject;
import static io.contacthub.connector.social.inbound.Fields.optText;
import static io.contacthub.connector.social.inbound.Fields.text;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.connector.ThreadHints;
import io.contacthub.connector.social.inbound.SocialEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Telegram Bot API {@code Update}: a {@code message} or an {@code edited_message} in a
 * private chat with the bot. Group chats, channel posts, bots and other update kinds are skipped. A
 * message is named {@code <chat id>:<message id>} (message ids count per chat).
 */
public final class TelegramPayload {

  public List<SocialEvent> parse(JsonObject update) {
    number(update, "update_id", "$");
    JsonObject message = optObject(update, "message", "$");
    JsonObject edited = optObject(update, "edited_message", "$");
    if (message != null) {
      return privateChat(message) ? List.of(message(message, "message")) : List.of();
    }
    if (edited != null) {
      return privateChat(edited) ? List.of(edit(edited)) : List.of();
    }
    return List.of();
  }

  private static boolean privateChat(JsonObject m) {
    JsonObject chat = object(m, "chat", "$.message");
    JsonObject from = optObject(m, "from", "$.message");
    return "private".equals(chat.getValue("type"))
        && from != null
        && !Boolean.TRUE.equals(from.getValue("is_bot"));
  }

  private static SocialEvent.Message message(JsonObject m, String at) {
    return new SocialEvent.Message(interaction(m, at, epochSeconds(m, "date", at)));
  }

  private static SocialEvent.Edit edit(JsonObject m) {
    String at = "edited_message";
    Instant editedAt = epochSeconds(m, "edit_date", at);
    InboundInteraction asNew = interaction(m, at, epochSeconds(m, "date", at));
    return new SocialEvent.Edit(
        new InteractionUpdate(
            Channel.TELEGRAM,
            asNew.externalId(),
            editedAt,
            asNew.text(),
            new JsonObject().put("telegram", asNew.extras().getJsonObject("telegram"))),
        asNew);
  }

  private static InboundInteraction interaction(JsonObject m, String at, Instant date) {
    JsonObject chat = object(m, "chat", at);
    JsonObject from = object(m, "from", at);
    String chatId = text(chat, "id", at + ".chat");
    String messageId = text(m, "message_id", at);
    String userId = text(from, "id", at + ".from");
    String name = name(from, at + ".from");
    List<Identity> identities = new ArrayList<>();
    identities.add(new Identity(IdentityType.TELEGRAM, userId, false, name));
    JsonObject telegram =
        new JsonObject().put("chatId", chatId).put("messageId", messageId).put("userId", userId);
    putIfPresent(telegram, "username", optText(from, "username", at + ".from"));
    if (m.getValue("edit_date") != null) {
      telegram.put("editedAt", epochSeconds(m, "edit_date", at).toString());
    }
    String text = optText(m, "text", at);
    if (text == null) {
      text = optText(m, "caption", at);
    }
    JsonObject contact = optObject(m, "contact", at);
    if (contact != null) {
      String phone = text(contact, "phone_number", at + ".contact");
      // The customer shared their own contact with the bot: Telegram vouches for that number.
      if (userId.equals(optText(contact, "user_id", at + ".contact"))) {
        identities.add(
            Identity.of(IdentityType.PHONE, phone.startsWith("+") ? phone : "+" + phone, true));
      }
      telegram.put("contact", contact.copy());
      text = text != null ? text : "Shared contact: " + phone;
    }
    JsonObject location = optObject(m, "location", at);
    if (location != null) {
      telegram.put("location", location.copy());
      text =
          text != null
              ? text
              : "Location ("
                  + number(location, "latitude", at + ".location")
                  + ", "
                  + number(location, "longitude", at + ".location")
                  + ")";
    }
    String file = file(m, telegram, at);
    if (text == null) {
      text = file != null ? "[" + file + "]" : "[message]";
    }
    return InboundInteraction.message(Channel.TELEGRAM, chatId + ":" + messageId)
        .occurredAt(date)
        .identities(identities)
        .thread(ThreadHints.key("telegram:" + chatId + ":" + messageId))
        .text(text)
        .extras(new JsonObject().put("telegram", telegram))
        .build();
  }

  /**
   * Media as metadata: the file id fetches it through the Bot API's getFile, whose download URL
   * holds the bot token and so is never stored.
   */
  private static String file(JsonObject m, JsonObject telegram, String at) {
    for (String kind : List.of("document", "audio", "voice", "video", "sticker")) {
      JsonObject f = optObject(m, kind, at);
      if (f != null) {
        text(f, "file_id", at + "." + kind);
        telegram.put("file", f.copy().put("kind", kind));
        return kind;
      }
    }
    JsonArray photo = array(m, "photo", at);
    if (!photo.isEmpty()) {
      // Sizes come smallest first; the largest is the one worth fetching.
      JsonObject largest = objectAt(photo, photo.size() - 1, at + ".photo");
      text(largest, "file_id", at + ".photo[" + (photo.size() - 1) + "]");
      telegram.put("file", largest.copy().put("kind", "photo"));
      return "photo";
    }
    return null;
  }

  private static String name(JsonObject from, String at) {
    String first = optText(from, "first_name", at);
    String last = optText(from, "last_name", at);
    if (first == null) {
      return last;
    }
    return last == null ? first : first + " " + last;
  }

  private static void putIfPresent(JsonObject o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }
}
