package io.contacthub.connector;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** What the hub gives a connector: its routes, its config and the way into the hub. */
public interface ConnectorContext {

  Vertx vertx();

  /**
   * The router mounted under {@code /channels/{channel}} (e.g. {@code /channels/whatsapp}); only
   * for the channels this connector serves.
   */
  Router router(Channel channel);

  /** The connector's own section of the hub configuration, env overrides applied. */
  JsonObject config();

  /** The hub's data directory for this connector (checkpoints, attachments). */
  java.nio.file.Path dataDir();

  /** Hands an interaction to the hub; completes only once it is durable. */
  Future<Accepted> ingest(InboundInteraction interaction);

  /** Changes an interaction already ingested; completes once durable. */
  Future<Accepted> update(InteractionUpdate update);

  /**
   * Looks up a customer by any identity: the profile, open conversations and the latest {@code
   * historyItems} timeline items across channels, or null when nobody has that identity.
   */
  Future<JsonObject> customerSnapshot(Identity identity, int historyItems);

  /**
   * Logins of the staff users whose login, display name, phone extension or email equals one of
   * {@code keys} (case-insensitive); empty when none match.
   */
  Future<java.util.Set<String>> findAgents(java.util.Collection<String> keys);

  /**
   * Logins of the agents available to take a contact now (their presence in routing): with a {@code
   * queue}, those who serve that queue (empty when the hub has no queue of that name); without one,
   * all of them.
   */
  Future<java.util.Set<String>> availableAgents(String queue);

  /**
   * Sends a message of the hub's own to an address (not a reply in a conversation, so it is not
   * stored: e.g. a confirmation code) through the email connector's outbound path. Fails when no
   * email connector runs or it refuses the message.
   */
  Future<Void> sendEmail(String to, String subject, String text);

  /** Pushes an event to agents on the live stream. */
  void publish(LiveEvent event);

  /**
   * Stores attachment content in the hub, which serves it to authorized agents. Fails with a {@link
   * AttachmentTooLargeException} over the configured limit.
   */
  Future<AttachmentRef> storeAttachment(
      String filename, String contentType, io.vertx.core.buffer.Buffer content, boolean inline);

  /** Whether a bearer token is the hub's ingest (service) token; compared in constant time. */
  boolean verifyIngestToken(String bearerToken);

  /**
   * The customer-visible messages of one conversation written after log sequence number {@code
   * afterSeq}, oldest first, at most {@code limit}: each the interaction's JSON, with {@code seq}
   * the sequence number of the record that last wrote it. Internal notes are never included. Waits
   * until everything acknowledged so far is readable, so nothing just stored is missed. Fails with
   * an {@link IngestRejectedException} (404) for an unknown conversation.
   */
  Future<java.util.List<JsonObject>> conversationItems(
      String conversationId, long afterSeq, int limit);

  /**
   * A key for this connector's own signatures (visitor tokens, links), derived from the hub's
   * secret: stable across restarts, different for every connector, never the hub's key itself.
   */
  byte[] signingKey();

  /**
   * Whether a contact on {@code channel} could be offered to an agent now: routing knows an
   * available agent with room on that channel who serves a queue taking it.
   */
  Future<Boolean> agentsAvailable(Channel channel);

  /**
   * This connector on the other nodes of the cluster (cluster mode); {@link Peers#NONE} on a single
   * node.
   */
  default Peers peers() {
    return Peers.NONE;
  }
}
