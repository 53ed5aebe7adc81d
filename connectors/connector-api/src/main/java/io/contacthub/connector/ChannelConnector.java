package io.contacthub.connector;

import io.vertx.core.Future;
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
}
