package io.contacthub.connector;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * A channel connector translates one protocol into {@link InboundInteraction}s and delivers {@link
 * OutboundMessage}s; it stores nothing itself. {@link #start} validates its configuration and
 * collaborators first and fails fast.
 */
public interface ChannelConnector {

  /** The channels this connector serves (one social connector serves several platforms). */
  Set<Channel> channels();

  Future<Void> start(ConnectorContext context);

  Future<Void> stop();

  /** Delivers a reply; fails with a {@link DeliveryException} when the channel refuses it. */
  Future<DeliveryReceipt> send(OutboundMessage message);

  /**
   * An agent is writing in a conversation that has this channel; a channel that can show it to the
   * customer does. The hub calls it at most every few seconds per agent and conversation, and never
   * waits for it.
   */
  default void agentTyping(String conversationId, String agentName) {}

  /**
   * Agents have read these inbound interactions of the conversation (the hub has already recorded
   * it in their {@code extras.agentRead}); a channel that can tell the customer does.
   */
  default void agentRead(String conversationId, List<String> interactionIds) {}
}
