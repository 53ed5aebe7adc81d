package io.contacthub.hub.reply;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonObject;

/**
 * What an agent sends in a conversation.
 *
 * @param text the message; may be null when a template is sent
 * @param channel where to send; null for the channel the customer last wrote on
 * @param note an internal note: on the timeline for agents, never sent to the customer
 * @param template an approved message template ({@code name}, {@code language}, optional {@code
 *     components}), for channels that require one outside a service window (WhatsApp); null for a
 *     free-text reply
 */
public record Reply(
    String text, String subject, Channel channel, boolean note, JsonObject template) {

  public Reply(String text, String subject, Channel channel, boolean note) {
    this(text, subject, channel, note, null);
  }

  /** The text kept on the timeline: the message, or the template's name when there is none. */
  public String timelineText() {
    if (text != null && !text.isBlank()) {
      return text;
    }
    return template == null ? text : "[template " + template.getString("name") + "]";
  }
}
