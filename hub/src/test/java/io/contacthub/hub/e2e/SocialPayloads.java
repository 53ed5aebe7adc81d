package io.contacthub.hub.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Webhook bodies in the platforms' documented shapes (the WhatsApp Cloud API's messages webhook,
 * the Messenger Platform's messaging events, the Telegram Bot API's Update), with the values a test
 * needs.
 */
final class SocialPayloads {

  static final String PHONE_NUMBER_ID = "106540352242922";

  private SocialPayloads() {}

  static JsonObject whatsapp(JsonObject value) {
    return new JsonObject()
        .put("object", "whatsapp_business_account")
        .put(
            "entry",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("id", "102290129340398")
                        .put(
                            "changes",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("value", value)
                                        .put("field", "messages")))));
  }

  static JsonObject whatsappValue() {
    return new JsonObject()
        .put("messaging_product", "whatsapp")
        .put(
            "metadata",
            new JsonObject()
                .put("display_phone_number", "15550783881")
                .put("phone_number_id", PHONE_NUMBER_ID));
  }

  /** A text message from {@code waId}, with the sender's profile in {@code contacts}. */
  static JsonObject whatsappText(
      String waId, String name, String id, long epochSeconds, String body) {
    return whatsapp(
        whatsappValue()
            .put(
                "contacts",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("profile", new JsonObject().put("name", name))
                            .put("wa_id", waId)))
            .put("messages", new JsonArray().add(textMessage(waId, id, epochSeconds, body))));
  }

  static JsonObject textMessage(String waId, String id, long epochSeconds, String body) {
    return new JsonObject()
        .put("from", waId)
        .put("id", id)
        .put("timestamp", String.valueOf(epochSeconds))
        .put("type", "text")
        .put("text", new JsonObject().put("body", body));
  }

  static JsonObject status(String wamid, String status, long epochSeconds, String waId) {
    return new JsonObject()
        .put("id", wamid)
        .put("status", status)
        .put("timestamp", String.valueOf(epochSeconds))
        .put("recipient_id", waId)
        .put(
            "pricing",
            new JsonObject()
                .put("billable", true)
                .put("pricing_model", "PMP")
                .put("category", "service"));
  }

  static JsonObject whatsappStatuses(JsonObject... statuses) {
    JsonArray list = new JsonArray();
    for (JsonObject s : statuses) {
      list.add(s);
    }
    return whatsapp(whatsappValue().put("statuses", list));
  }

  /** A Messenger ({@code page}) or Instagram ({@code instagram}) webhook with one event. */
  static JsonObject messaging(
      String object, String psid, long epochMillis, String key, JsonObject event) {
    String pageId = "106712345678901";
    return new JsonObject()
        .put("object", object)
        .put(
            "entry",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("id", pageId)
                        .put("time", epochMillis + 5)
                        .put(
                            "messaging",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("sender", new JsonObject().put("id", psid))
                                        .put("recipient", new JsonObject().put("id", pageId))
                                        .put("timestamp", epochMillis)
                                        .put(key, event)))));
  }

  static JsonObject telegramMessage(
      long updateId, long userId, long messageId, long date, String text, Long editDate) {
    JsonObject from =
        new JsonObject()
            .put("id", userId)
            .put("is_bot", false)
            .put("first_name", "Toma")
            .put("last_name", "Petrov")
            .put("username", "toma_p")
            .put("language_code", "en");
    JsonObject message =
        new JsonObject()
            .put("message_id", messageId)
            .put("from", from)
            .put(
                "chat",
                new JsonObject()
                    .put("id", userId)
                    .put("first_name", "Toma")
                    .put("last_name", "Petrov")
                    .put("username", "toma_p")
                    .put("type", "private"))
            .put("date", date)
            .put("text", text);
    if (editDate != null) {
      message.put("edit_date", editDate);
    }
    return new JsonObject()
        .put("update_id", updateId)
        .put(editDate == null ? "message" : "edited_message", message);
  }
}
