package io.contacthub.connector.social.whatsapp;

import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.social.outbound.DeliveryTracker;
import io.contacthub.connector.social.outbound.PlatformClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;

/**
 * Replies on WhatsApp through the Cloud API: {@code POST
 * {graph}/{version}/{phone-number-id}/messages} with the access token as a bearer. Free text only
 * inside the customer-service window; an approved template ({@code extras.template} of the message:
 * name, language, components) at any time.
 */
public final class WhatsAppSender {

  private final PlatformClient client;
  private final String url;
  private final String token;
  private final ServiceWindow window;
  private final DeliveryTracker tracker;
  private final Clock clock;

  public WhatsAppSender(
      PlatformClient client,
      String graphBase,
      String phoneNumberId,
      String token,
      ServiceWindow window,
      DeliveryTracker tracker,
      Clock clock) {
    this.client = client;
    this.url = phoneNumberId.isEmpty() ? null : graphBase + "/" + phoneNumberId + "/messages";
    this.token = token;
    this.window = window;
    this.tracker = tracker;
    this.clock = clock;
  }

  public Future<DeliveryReceipt> send(OutboundMessage m) {
    if (url == null || token.isEmpty()) {
      return Future.failedFuture(
          new DeliveryException(
              "WhatsApp replies are off: set social.whatsapp.phoneNumberId and"
                  + " HUB_WHATSAPP_ACCESS_TOKEN",
              false,
              null));
    }
    String to = m.to().value().startsWith("+") ? m.to().value().substring(1) : m.to().value();
    JsonObject template = m.extras().getJsonObject("template");
    if (template != null) {
      return post(to, templateBody(to, template));
    }
    return window
        .closesAt(m.to().value())
        .compose(
            closesAt -> {
              Instant now = clock.instant();
              if (closesAt == null || !closesAt.isAfter(now)) {
                return Future.failedFuture(
                    new DeliveryException(
                        (closesAt == null
                                ? "the customer has not written on WhatsApp"
                                : "the 24-hour customer-service window closed at " + closesAt)
                            + ": only an approved template may be sent",
                        false,
                        null));
              }
              return post(
                  to,
                  base(to)
                      .put("type", "text")
                      .put(
                          "text",
                          new JsonObject().put("preview_url", false).put("body", m.text())));
            });
  }

  private Future<DeliveryReceipt> post(String to, JsonObject body) {
    return client
        .post("WhatsApp", url, token, body)
        .map(
            answer -> {
              JsonArray messages = answer.getJsonArray("messages");
              String id =
                  messages == null || messages.isEmpty()
                      ? null
                      : messages.getJsonObject(0).getString("id");
              if (id == null) {
                throw new DeliveryException(
                    "WhatsApp accepted the message without giving its id", false, null);
              }
              tracker.sent(id, to, clock.instant());
              return new DeliveryReceipt(id, DeliveryState.SENT, null);
            });
  }

  private static JsonObject base(String to) {
    return new JsonObject()
        .put("messaging_product", "whatsapp")
        .put("recipient_type", "individual")
        .put("to", to);
  }

  private static JsonObject templateBody(String to, JsonObject t) {
    JsonObject template =
        new JsonObject()
            .put("name", t.getString("name"))
            .put("language", new JsonObject().put("code", t.getString("language")));
    if (t.getJsonArray("components") != null) {
      template.put("components", t.getJsonArray("components").copy());
    }
    return base(to).put("type", "template").put("template", template);
  }
}
