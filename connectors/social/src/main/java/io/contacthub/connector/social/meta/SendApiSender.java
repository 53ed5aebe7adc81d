package io.contacthub.connector.social.meta;

import io.contacthub.connector.Channel;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.social.outbound.DeliveryTracker;
import io.contacthub.connector.social.outbound.PlatformClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * Replies on Messenger or Instagram through the Send API: {@code POST
 * {graph}/{version}/me/messages} with {@code recipient.id} (the PSID or IGSID), {@code
 * messaging_type: RESPONSE} and {@code message.text}, the page access token as a bearer.
 */
public final class SendApiSender {

  private final Channel channel;
  private final PlatformClient client;
  private final String url;
  private final String token;
  private final DeliveryTracker tracker;
  private final Clock clock;

  public SendApiSender(
      Channel channel,
      PlatformClient client,
      String graphBase,
      String token,
      DeliveryTracker tracker,
      Clock clock) {
    this.channel = channel;
    this.client = client;
    this.url = graphBase + "/me/messages";
    this.token = token;
    this.tracker = tracker;
    this.clock = clock;
  }

  public Future<DeliveryReceipt> send(OutboundMessage m) {
    String platform = channel == Channel.INSTAGRAM ? "Instagram" : "Messenger";
    if (token.isEmpty()) {
      return Future.failedFuture(
          new DeliveryException(
              platform + " replies are off: set the page access token (see config/hub.yaml)",
              false,
              null));
    }
    if (m.extras().containsKey("template")) {
      return Future.failedFuture(
          new DeliveryException("templates are sent on WhatsApp only", false, null));
    }
    String recipient = m.to().value();
    JsonObject body =
        new JsonObject()
            .put("recipient", new JsonObject().put("id", recipient))
            .put("messaging_type", "RESPONSE")
            .put("message", new JsonObject().put("text", m.text()));
    return client
        .post(platform, url, token, body)
        .map(
            answer -> {
              String id = answer.getString("message_id");
              if (id == null) {
                throw new DeliveryException(
                    platform + " accepted the message without giving its id", false, null);
              }
              tracker.sent(id, recipient, clock.instant());
              return new DeliveryReceipt(id, DeliveryState.SENT, null);
            });
  }
}
