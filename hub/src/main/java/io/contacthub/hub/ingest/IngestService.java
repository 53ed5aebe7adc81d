package io.contacthub.hub.ingest;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Channel;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.NormalizedIdentity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every change to the hub's state. Each future completes once the change is durable in the log;
 * failures are {@link io.contacthub.hub.model.HubException}s (bad input: 4xx; not durable: 503).
 */
public interface IngestService {

  /** Resolves customer and conversation, appends, acknowledges once on disk. Idempotent. */
  Future<Accepted> ingest(InboundInteraction interaction);

  /**
   * The same for many, sharing fsyncs. Each item succeeds or fails on its own (a bad item never
   * fails the others); the outer future completes, in request order, once every item has settled.
   */
  Future<List<Future<Accepted>>> ingestBatch(List<InboundInteraction> interactions);

  /** Changes a stored interaction (a call answered, a delivery state). */
  Future<Accepted> update(InteractionUpdate update);

  /**
   * Rewrites a stored interaction's extras from their current value (the function gets a copy).
   * Decided in order with every other change, so two agents' notes never overwrite each other.
   */
  Future<Interaction> amendExtras(
      Channel channel, String externalId, UnaryOperator<JsonObject> change);

  /** Merges {@code sourceId} into {@code targetId}: one timeline, the old id redirects. */
  Future<Customer> merge(String targetId, String sourceId);

  /** Undoes a merge: {@code sourceId} becomes a customer of its own again. */
  Future<Customer> split(String targetId, String sourceId);

  /** Moves an identity to a new customer of its own (a wrongly linked identity). */
  Future<Customer> detachIdentity(String customerId, NormalizedIdentity identity);

  Future<Conversation> setConversationStatus(String conversationId, ConversationStatus status);
}
