package io.contacthub.connector;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A reply the hub asks a connector to deliver on its channel.
 *
 * @param interactionId the hub's id of the outbound interaction (already on the timeline)
 * @param to the customer's identity on this channel (address, number, platform id)
 * @param thread keys of the conversation on this channel, oldest first: for email, the Message-IDs
 *     that become In-Reply-To and References
 * @param agentName the sending agent's display name, for channels that show it
 */
public record OutboundMessage(
    String interactionId,
    String conversationId,
    Channel channel,
    Identity to,
    String subject,
    String text,
    String html,
    List<String> thread,
    String agentName,
    JsonObject extras) {

  public OutboundMessage {
    thread = thread == null ? List.of() : List.copyOf(thread);
    extras = extras == null ? new JsonObject() : extras.copy();
  }
}
