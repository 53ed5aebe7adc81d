package io.contacthub.connector.social.telegram;

import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.social.outbound.PlatformClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Replies on Telegram: {@code POST {api}/bot{token}/sendMessage} with {@code chat_id} and {@code
 * text}. In a private chat the chat id is the user's id. The receipt names the sent message {@code
 * <chat id>:<message id>}, like inbound ones.
 */
public final class TelegramSender {

  private final PlatformClient client;
  private final String url;

  public TelegramSender(PlatformClient client, String apiUrl, String botToken) {
    this.client = client;
    this.url = botToken.isEmpty() ? null : apiUrl + "/bot" + botToken + "/sendMessage";
  }

  public Future<DeliveryReceipt> send(OutboundMessage m) {
    if (url == null) {
      return Future.failedFuture(
          new DeliveryException(
              "Telegram replies are off: set HUB_TELEGRAM_BOT_TOKEN", false, null));
    }
    if (m.extras().containsKey("template")) {
      return Future.failedFuture(
          new DeliveryException("templates are sent on WhatsApp only", false, null));
    }
    String chatId = m.to().value();
    JsonObject body = new JsonObject().put("chat_id", chatIdValue(chatId)).put("text", m.text());
    return client
        .post("Telegram", url, null, body)
        .map(
            answer -> {
              JsonObject result = answer.getJsonObject("result");
              if (!Boolean.TRUE.equals(answer.getValue("ok")) || result == null) {
                throw new DeliveryException(
                    "Telegram did not confirm the message: " + answer.getString("description"),
                    false,
                    null);
              }
              return new DeliveryReceipt(
                  chatId + ":" + result.getValue("message_id"), DeliveryState.SENT, null);
            });
  }

  /** Chat ids are integers in the Bot API; a username-style id ("@channel") stays text. */
  private static Object chatIdValue(String chatId) {
    try {
      return Long.parseLong(chatId);
    } catch (NumberFormatException e) {
      return chatId;
    }
  }
}
