package io.contacthub.hub.query;

import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.InboxPage;
import io.contacthub.hub.model.InboxRequest;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import io.contacthub.hub.model.TimelinePage;
import io.vertx.core.Future;
import java.util.List;

/**
 * Every read. Unknown ids fail with a 404 {@link io.contacthub.hub.model.HubException}; a merged
 * customer's id answers with the customer it was merged into.
 */
public interface QueryService {

  Future<Customer> customer(String customerId);

  /**
   * Finds a customer by identity in any format: {@code type:value} ({@code phone:+1 415 555 0100},
   * {@code telegram:123}) or a bare email address or phone number.
   */
  Future<Customer> customerByIdentity(String identity);

  /** The customer's timeline (with every customer merged into it), newest first. */
  Future<TimelinePage> timeline(String customerId, String cursor, int limit);

  Future<Interaction> interaction(String interactionId);

  Future<Conversation> conversation(String conversationId);

  /** Conversations of a customer, newest activity first. */
  Future<List<Conversation>> conversationsOf(String customerId);

  /**
   * The inbox: conversations matching the filters, latest activity first, each with its customer's
   * name and a preview of its newest interaction.
   */
  Future<InboxPage> inbox(InboxRequest request);

  /** Search; {@code customerIds} in the request are expanded to merged customers here. */
  Future<SearchResult> search(SearchRequest request);

  /**
   * Interactions of one conversation last written after log sequence number {@code afterSeq},
   * oldest write first, at most {@code limit}; sees everything acknowledged before the call.
   */
  Future<List<Interaction>> conversationSince(String conversationId, long afterSeq, int limit);

  /**
   * The newest interactions of one conversation (at most {@code limit}, up to {@link
   * io.contacthub.hub.model.SearchRequest#MAX_LIMIT}), the latest to occur first (ties: the later
   * write); sees everything acknowledged before the call.
   */
  Future<List<Interaction>> conversationRecent(String conversationId, int limit);
}
