package io.contacthub.connector.social.whatsapp;

import static io.contacthub.connector.social.inbound.Fields.array;
import static io.contacthub.connector.social.inbound.Fields.epochSeconds;
import static io.contacthub.connector.social.inbound.Fields.object;
import static io.contacthub.connector.social.inbound.Fields.objectAt;
import static io.contacthub.connector.social.inbound.Fields.optObject;
import static io.contacthub.connector.social.inbound.Fields.optText;
import static io.contacthub.connector.social.inbound.Fields.text;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a WhatsApp Cloud API webhook ({@code object: whatsapp_business_account}): customers'
 * messages from {@code entry[].changes[].value.messages[]} with the sender's profile from {@code
 * contacts[]}, and the states of our messages from {@code statuses[]}. Other change fields
 * (account, template and quality updates) are skipped.
 */
public final class WhatsAppPayload {

  private static final Pattern WA_ID = Pattern.compile("\\d{6,15}");

  private final Duration window;
  private final WhatsAppContent content;

  /**
   * @param mediaBase {@code {graph}/{version}}: a media id's metadata, with its download URL, is at
   *     {@code {mediaBase}/{media-id}} for a caller with the access token
   */
  public WhatsAppPayload(Duration window, String mediaBase) {
    this.window = window;
    this.content = new WhatsAppContent(mediaBase);
  }

  public List<SocialEvent> parse(JsonObject body) {
    if (!"whatsapp_business_account".equals(body.getValue("object"))) {
      throw new PayloadException("object must be whatsapp_business_account");
    }
    List<SocialEvent> events = new ArrayList<>();
    JsonArray entries = array(body, "entry", "$");
    for (int e = 0; e < entries.size(); e++) {
      String entryAt = "entry[" + e + "]";
      JsonArray changes = array(objectAt(entries, e, "entry"), "changes", entryAt);
      for (int c = 0; c < changes.size(); c++) {
        String at = entryAt + ".changes[" + c + "]";
        JsonObject change = objectAt(changes, c, entryAt + ".changes");
        if ("messages".equals(change.getValue("field"))) {
          value(object(change, "value", at), at + ".value", events);
        }
      }
    }
    return events;
  }

  private void value(JsonObject value, String at, List<SocialEvent> out) {
    JsonObject metadata = optObject(value, "metadata", at);
    Map<String, String> names = new HashMap<>();
    JsonArray contacts = array(value, "contacts", at);
    for (int i = 0; i < contacts.size(); i++) {
      JsonObject contact = objectAt(contacts, i, at + ".contacts");
      JsonObject profile = optObject(contact, "profile", at + ".contacts[" + i + "]");
      String waId = optText(contact, "wa_id", at + ".contacts[" + i + "]");
      if (waId != null && profile != null) {
        names.put(waId, optText(profile, "name", at + ".contacts[" + i + "].profile"));
      }
    }
    JsonArray messages = array(value, "messages", at);
    for (int i = 0; i < messages.size(); i++) {
      out.add(
          message(
              objectAt(messages, i, at + ".messages"),
              at + ".messages[" + i + "]",
              names,
              metadata));
    }
    JsonArray statuses = array(value, "statuses", at);
    for (int i = 0; i < statuses.size(); i++) {
      SocialEvent s = status(objectAt(statuses, i, at + ".statuses"), at + ".statuses[" + i + "]");
      if (s != null) {
        out.add(s);
      }
    }
  }

  private SocialEvent message(
      JsonObject m, String at, Map<String, String> names, JsonObject metadata) {
    String id = text(m, "id", at);
    String from = text(m, "from", at);
    if (!WA_ID.matcher(from).matches()) {
      throw new PayloadException(at + ".from is not a WhatsApp number: " + from);
    }
    Instant occurredAt = epochSeconds(m, "timestamp", at);
    String type = text(m, "type", at);
    WhatsAppContent.Content body = content.of(m, type, at);
    JsonObject whatsapp =
        new JsonObject()
            .put("type", type)
            .put("waId", from)
            .put("windowClosesAt", occurredAt.plus(window).toString());
    if (metadata != null) {
      whatsapp
          .put("phoneNumberId", metadata.getString("phone_number_id"))
          .put("displayPhoneNumber", metadata.getString("display_phone_number"));
    }
    JsonObject context = optObject(m, "context", at);
    List<String> references = new ArrayList<>();
    if (context != null && context.getValue("id") instanceof String quoted) {
      references.add("whatsapp:" + quoted);
      whatsapp.put("context", context);
    }
    JsonObject extras = body.extras().copy().put("whatsapp", whatsapp);
    return new SocialEvent.Message(
        InboundInteraction.message(Channel.WHATSAPP, id)
            .occurredAt(occurredAt)
            // WhatsApp proves the sender owns the number: a verified phone identity, so a call or
            // a signed-in chat from the same number is the same customer.
            .identities(
                List.of(new Identity(IdentityType.PHONE, "+" + from, true, names.get(from))))
            .thread(new ThreadHints(List.of("whatsapp:" + id), references, null))
            .text(body.text())
            .attachments(body.attachments())
            .extras(extras)
            .build());
  }

  private static SocialEvent status(JsonObject s, String at) {
    DeliveryState state =
        switch (text(s, "status", at)) {
          case "sent" -> DeliveryState.SENT;
          case "delivered" -> DeliveryState.DELIVERED;
          case "read" -> DeliveryState.READ;
          case "failed" -> DeliveryState.FAILED;
          default -> null; // "deleted", "warning", "played": nothing to show
        };
    if (state == null) {
      return null;
    }
    String detail = null;
    JsonArray errors = array(s, "errors", at);
    if (!errors.isEmpty()) {
      JsonObject err = objectAt(errors, 0, at + ".errors");
      JsonObject data = optObject(err, "error_data", at + ".errors[0]");
      String title = optText(err, "title", at + ".errors[0]");
      String details = data == null ? null : optText(data, "details", at + ".errors[0].error_data");
      detail =
          "WhatsApp error "
              + optText(err, "code", at + ".errors[0]")
              + (title == null ? "" : ": " + title)
              + (details == null ? "" : " (" + details + ")");
    }
    return new SocialEvent.Status(
        Channel.WHATSAPP, text(s, "id", at), state, epochSeconds(s, "timestamp", at), detail);
  }
}
