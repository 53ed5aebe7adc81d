package io.contacthub.connector.social.meta;

import static io.contacthub.connector.social.inbound.Fields.array;
import static io.contacthub.connector.social.inbound.Fields.epochMillis;
import static io.contacthub.connector.social.inbound.Fields.object;
import static io.contacthub.connector.social.inbound.Fields.objectAt;
import static io.contacthub.connector.social.inbound.Fields.optObject;
import static io.contacthub.connector.social.inbound.Fields.optText;
import static io.contacthub.connector.social.inbound.Fields.text;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.Channel;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.ThreadHints;
import io.contacthub.connector.social.inbound.PayloadException;
import io.contacthub.connector.social.inbound.SocialEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Messenger ({@code object: page}) or Instagram ({@code object: instagram}) webhook: {@code
 * entry[].messaging[]} items with a {@code message} (text, attachments, quick reply, reply-to), a
 * {@code postback}, a {@code reaction}, or a {@code delivery}/{@code read} receipt. Echoes of our
 * own messages are skipped: they are on the timeline already.
 */
public final class MessagingPayload {

  private final Channel channel;
  private final String object;
  private final IdentityType identityType;

  public MessagingPayload(Channel channel) {
    this.channel = channel;
    this.object = channel == Channel.INSTAGRAM ? "instagram" : "page";
    this.identityType =
        channel == Channel.INSTAGRAM ? IdentityType.INSTAGRAM : IdentityType.MESSENGER;
  }

  public List<SocialEvent> parse(JsonObject body) {
    if (!object.equals(body.getValue("object"))) {
      throw new PayloadException("object must be " + object);
    }
    List<SocialEvent> events = new ArrayList<>();
    JsonArray entries = array(body, "entry", "$");
    for (int e = 0; e < entries.size(); e++) {
      String entryAt = "entry[" + e + "]";
      JsonArray messaging = array(objectAt(entries, e, "entry"), "messaging", entryAt);
      for (int i = 0; i < messaging.size(); i++) {
        String at = entryAt + ".messaging[" + i + "]";
        item(objectAt(messaging, i, entryAt + ".messaging"), at, events);
      }
    }
    return events;
  }

  private void item(JsonObject m, String at, List<SocialEvent> out) {
    String sender = text(object(m, "sender", at), "id", at + ".sender");
    Instant time = epochMillis(m, "timestamp", at);
    JsonObject message = optObject(m, "message", at);
    JsonObject postback = optObject(m, "postback", at);
    JsonObject reaction = optObject(m, "reaction", at);
    JsonObject delivery = optObject(m, "delivery", at);
    JsonObject read = optObject(m, "read", at);
    if (message != null) {
      if (!Boolean.TRUE.equals(message.getValue("is_echo"))) {
        out.add(message(message, sender, time, at + ".message"));
      }
    } else if (postback != null) {
      String where = at + ".postback";
      String title = text(postback, "title", where);
      String mid = optText(postback, "mid", where);
      out.add(
          inbound(
              mid != null ? mid : "postback:" + sender + ":" + time.toEpochMilli(),
              sender,
              time,
              title,
              List.of(),
              new JsonObject().put("postback", postback.copy()),
              List.of()));
    } else if (reaction != null) {
      out.add(reaction(reaction, sender, time, at + ".reaction"));
    } else if (delivery != null) {
      receipt(delivery, sender, time, DeliveryState.DELIVERED, at + ".delivery", out);
    } else if (read != null) {
      receipt(read, sender, time, DeliveryState.READ, at + ".read", out);
    }
    // Other items (optins, referrals, handovers) carry nothing for the timeline.
  }

  private SocialEvent message(JsonObject msg, String sender, Instant time, String at) {
    String mid = text(msg, "mid", at);
    String text = optText(msg, "text", at);
    List<AttachmentRef> attachments = new ArrayList<>();
    JsonObject extras = new JsonObject();
    JsonArray atts = array(msg, "attachments", at);
    for (int i = 0; i < atts.size(); i++) {
      String where = at + ".attachments[" + i + "]";
      JsonObject a = objectAt(atts, i, at + ".attachments");
      String type = text(a, "type", where);
      JsonObject payload = optObject(a, "payload", where);
      String url = payload == null ? null : optText(payload, "url", where + ".payload");
      if (url != null) {
        attachments.add(new AttachmentRef(null, type + "-" + (i + 1), type, 0, url, false));
      }
    }
    if (!atts.isEmpty()) {
      extras.put("attachments", atts.copy());
    }
    JsonObject quick = optObject(msg, "quick_reply", at);
    if (quick != null) {
      extras.put("quickReply", quick.copy());
    }
    List<String> references = new ArrayList<>();
    JsonObject replyTo = optObject(msg, "reply_to", at);
    if (replyTo != null && optText(replyTo, "mid", at + ".reply_to") != null) {
      references.add(channel.wireName() + ":" + replyTo.getString("mid"));
      extras.put("replyTo", replyTo.copy());
    }
    if ((text == null || text.isBlank()) && atts.isEmpty()) {
      throw new PayloadException(at + " has neither text nor attachments");
    }
    String shown = text != null && !text.isBlank() ? text : "[" + attachmentKinds(atts) + "]";
    return inbound(mid, sender, time, shown, attachments, extras, references);
  }

  private static String attachmentKinds(JsonArray atts) {
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < atts.size(); i++) {
      kinds.add(atts.getJsonObject(i).getString("type"));
    }
    return String.join(", ", kinds);
  }

  private SocialEvent reaction(JsonObject r, String sender, Instant time, String at) {
    String mid = text(r, "mid", at);
    String action = text(r, "action", at);
    String emoji = optText(r, "emoji", at);
    String label = emoji != null ? emoji : optText(r, "reaction", at);
    boolean removed = "unreact".equals(action);
    return inbound(
        // A reaction has no id of its own: the message, the person and the time name it.
        "reaction:" + mid + ":" + sender + ":" + time.toEpochMilli(),
        sender,
        time,
        removed ? "Removed a reaction" : "Reacted " + (label == null ? "" : label),
        List.of(),
        new JsonObject()
            .put(
                "reaction",
                new JsonObject().put("messageId", mid).put("action", action).put("emoji", label)),
        List.of());
  }

  private void receipt(
      JsonObject r,
      String sender,
      Instant time,
      DeliveryState state,
      String at,
      List<SocialEvent> out) {
    JsonArray mids = array(r, "mids", at);
    String mid = optText(r, "mid", at);
    if (mid != null) {
      mids = new JsonArray().add(mid); // Instagram's messaging_seen names the message
    }
    if (!mids.isEmpty()) {
      Instant watermark = r.getValue("watermark") == null ? time : epochMillis(r, "watermark", at);
      for (int i = 0; i < mids.size(); i++) {
        if (!(mids.getValue(i) instanceof String id)) {
          throw new PayloadException(at + ".mids[" + i + "] is not a string");
        }
        out.add(new SocialEvent.Status(channel, id, state, watermark, null));
      }
    } else {
      out.add(new SocialEvent.Watermark(channel, sender, state, epochMillis(r, "watermark", at)));
    }
  }

  private SocialEvent inbound(
      String externalId,
      String sender,
      Instant time,
      String text,
      List<AttachmentRef> attachments,
      JsonObject extras,
      List<String> references) {
    return new SocialEvent.Message(
        InboundInteraction.message(channel, externalId)
            .occurredAt(time)
            // A page-scoped id: the platform vouches for it, but it names nobody outside this
            // page, so it never links customers.
            .identities(List.of(Identity.of(identityType, sender, false)))
            .thread(
                new ThreadHints(List.of(channel.wireName() + ":" + externalId), references, null))
            .text(text)
            .attachments(attachments)
            .extras(extras)
            .build());
  }
}
