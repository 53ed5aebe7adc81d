package io.contacthub.hub.reply;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.RecipientOfflineException;
import io.contacthub.connector.ThreadHints;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.Ids;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.NormalizedIdentity;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' replies and notes. A reply is first stored as an outbound interaction (so it is on the
 * timeline, durable, before anything leaves), then handed to the channel's connector; the delivery
 * state and the id the channel gave the message are recorded by an update, which also makes the
 * customer's answer thread back.
 */
public final class ReplyService {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyService.class);
  private static final int THREAD_WINDOW = SearchRequest.MAX_LIMIT;
  private static final int MAX_THREAD_KEYS = 20;
  private static final String FALLBACK_SUBJECT = "Your conversation with us";

  private final IngestService ingest;
  private final QueryService query;
  private final Function<Channel, Optional<ChannelConnector>> connectors;

  public ReplyService(
      IngestService ingest,
      QueryService query,
      Function<Channel, Optional<ChannelConnector>> connectors) {
    this.ingest = ingest;
    this.query = query;
    this.connectors = connectors;
  }

  /** Stores the reply and starts its delivery; completes with the stored interaction. */
  public Future<Interaction> reply(String conversationId, Reply reply, String login, String name) {
    return query
        .conversation(conversationId)
        .compose(
            conversation ->
                Future.all(recentOf(conversation), query.customer(conversation.customerId()))
                    .map(
                        both ->
                            plan(
                                conversation,
                                both.<List<Interaction>>resultAt(0),
                                both.<Customer>resultAt(1),
                                reply)))
        .compose(plan -> store(plan, reply, login, name))
        .compose(
            stored -> {
              if (!reply.note()) {
                deliver(stored.plan(), stored.interaction(), name, reply.template());
              }
              return Future.succeededFuture(stored.interaction());
            });
  }

  /** Where and how a reply goes, worked out before anything is stored. */
  private record Plan(
      Conversation conversation,
      Channel channel,
      Identity to,
      List<String> threadKeys,
      String subject,
      ChannelConnector connector,
      Customer customer,
      List<Interaction> newestFirst) {}

  private record Stored(Plan plan, Interaction interaction) {}

  /** The conversation newest first, including what was acknowledged a moment ago. */
  private Future<List<Interaction>> recentOf(Conversation c) {
    return query.conversationRecent(c.id(), THREAD_WINDOW);
  }

  private Plan plan(Conversation c, List<Interaction> newestFirst, Customer customer, Reply reply) {
    Channel channel =
        reply.channel() != null
            ? reply.channel()
            : newestFirst.stream()
                .filter(i -> i.direction() == Direction.INBOUND)
                .map(Interaction::channel)
                .findFirst()
                .orElseThrow(
                    () ->
                        HubException.badRequest(
                            "channel: the conversation has no inbound message; name one"));
    if (reply.note()) {
      return new Plan(c, channel, null, List.of(), reply.subject(), null, customer, newestFirst);
    }
    ChannelConnector connector =
        connectors
            .apply(channel)
            .orElseThrow(
                () ->
                    new HubException(
                        422,
                        "Unprocessable Content",
                        "no connector delivers on channel " + channel.wireName()));
    IdentityType type = identityTypeOf(channel);
    // The identity the customer last wrote from on this channel (a WhatsApp reply goes to the
    // WhatsApp number, not to the landline they also called from), else on any channel.
    Identity to =
        lastInboundIdentity(newestFirst, type, channel)
            .or(() -> lastInboundIdentity(newestFirst, type, null))
            // Switching channel (e.g. answering a chat by email): any identity of that type will
            // do.
            .or(
                () ->
                    customer.identities().stream()
                        .filter(i -> i.type() == type)
                        .findFirst()
                        .map(ReplyService::asIdentity))
            .orElseThrow(
                () ->
                    new HubException(
                        422,
                        "Unprocessable Content",
                        "the customer has no " + type.wireName() + " identity to reply to"));
    return new Plan(
        c,
        channel,
        to,
        threadKeys(newestFirst, channel),
        subjectFor(reply, c),
        connector,
        customer,
        newestFirst);
  }

  /** The conversation's keys on a channel, oldest first, at most {@value #MAX_THREAD_KEYS}. */
  private static List<String> threadKeys(List<Interaction> newestFirst, Channel channel) {
    String prefix = channel.wireName() + ":";
    List<String> keys = new ArrayList<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      newestFirst.get(i).threadKeys().stream()
          .filter(k -> k.startsWith(prefix) && !keys.contains(k))
          .forEach(keys::add);
    }
    return List.copyOf(keys.subList(Math.max(0, keys.size() - MAX_THREAD_KEYS), keys.size()));
  }

  private Future<Stored> store(Plan plan, Reply reply, String login, String name) {
    JsonObject extras =
        new JsonObject().put("author", new JsonObject().put("login", login).put("name", name));
    if (reply.template() != null) {
      extras.put("template", reply.template().copy());
    }
    if (!reply.note()) {
      extras.put(
          "delivery",
          new JsonObject()
              .put("state", DeliveryReceipt.DeliveryState.QUEUED.name().toLowerCase(Locale.ROOT)));
    }
    InboundInteraction outbound =
        InboundInteraction.message(plan.channel(), "out-" + Ids.next())
            .direction(Direction.OUTBOUND)
            .kind(reply.note() ? InteractionKind.NOTE : InteractionKind.MESSAGE)
            .occurredAt(Instant.now())
            .identities(plan.to() == null ? List.of() : List.of(plan.to()))
            .thread(new ThreadHints(List.of(), List.of(), plan.conversation().id()))
            .subject(plan.subject())
            .text(reply.timelineText())
            .extras(extras)
            .build();
    return ingest
        .ingest(outbound)
        .compose((Accepted a) -> query.interaction(a.interactionId()))
        .map(i -> new Stored(plan, i));
  }

  private void deliver(Plan plan, Interaction stored, String agentName, JsonObject template) {
    OutboundMessage message =
        new OutboundMessage(
            stored.id(),
            plan.conversation().id(),
            plan.channel(),
            plan.to(),
            plan.subject(),
            stored.text(),
            null,
            plan.threadKeys(),
            agentName,
            template == null ? new JsonObject() : new JsonObject().put("template", template));
    plan.connector()
        .send(message)
        .map(r -> new Sent(plan.channel(), r))
        .recover(
            e ->
                e instanceof RecipientOfflineException offline
                    ? byEmailInstead(plan, message, offline)
                    : Future.failedFuture(e))
        .onSuccess(sent -> recordSent(stored, sent.channel(), sent.receipt()))
        .onFailure(
            e ->
                record(
                    stored,
                    new JsonObject()
                        .put("state", "failed")
                        .put("detail", e.getMessage())
                        .put("retryable", e instanceof DeliveryException d && d.retryable()),
                    List.of()));
  }

  /** A receipt and the channel that gave it (the planned one, or email as the fallback). */
  private record Sent(Channel channel, DeliveryReceipt receipt) {}

  private void recordSent(Interaction stored, Channel via, DeliveryReceipt receipt) {
    JsonObject delivery =
        new JsonObject()
            .put("state", receipt.state().name().toLowerCase(Locale.ROOT))
            .put("externalId", receipt.externalId())
            .put("detail", receipt.detail());
    if (via != stored.channel()) {
      delivery.put("via", via.wireName());
    }
    record(
        stored,
        delivery,
        receipt.externalId() == null
            ? List.of()
            : List.of(via.wireName() + ":" + receipt.externalId()));
  }

  /**
   * The customer left the channel (a web-chat visitor who closed the page): the reply goes to their
   * email address, if they have one, with the connector's note (a link back into the chat). Its
   * Message-ID becomes a key of this conversation, so the customer's email answer continues it.
   */
  private Future<Sent> byEmailInstead(
      Plan plan, OutboundMessage original, RecipientOfflineException offline) {
    Optional<ChannelConnector> email = connectors.apply(Channel.EMAIL);
    Optional<Identity> address =
        plan.customer().identities().stream()
            .filter(i -> i.type() == IdentityType.EMAIL)
            .findFirst()
            .map(ReplyService::asIdentity);
    if (email.isEmpty() || address.isEmpty() || plan.channel() == Channel.EMAIL) {
      return Future.failedFuture(offline);
    }
    String note = offline.fallbackNote();
    OutboundMessage byEmail =
        new OutboundMessage(
            original.interactionId(),
            original.conversationId(),
            Channel.EMAIL,
            address.get(),
            plan.subject() != null ? plan.subject() : FALLBACK_SUBJECT,
            note == null ? original.text() : original.text() + "\n\n" + note,
            null,
            threadKeys(plan.newestFirst(), Channel.EMAIL),
            original.agentName(),
            new JsonObject());
    return email.get().send(byEmail).map(r -> new Sent(Channel.EMAIL, r));
  }

  private void record(Interaction stored, JsonObject delivery, List<String> threadKeys) {
    ingest
        .update(
            new InteractionUpdate(
                stored.channel(),
                stored.externalId(),
                Instant.now(),
                null,
                new JsonObject().put("delivery", delivery),
                threadKeys))
        .onFailure(e -> LOG.error("could not record delivery of {}", stored.id(), e));
  }

  private static Optional<Identity> lastInboundIdentity(
      List<Interaction> newestFirst, IdentityType type, Channel onlyOn) {
    return newestFirst.stream()
        .filter(i -> i.direction() == Direction.INBOUND)
        .filter(i -> onlyOn == null || i.channel() == onlyOn)
        .flatMap(i -> i.identities().stream())
        .filter(id -> id.type() == type)
        .findFirst()
        .map(ReplyService::asIdentity);
  }

  private static String subjectFor(Reply reply, Conversation c) {
    if (reply.subject() != null && !reply.subject().isBlank()) {
      return reply.subject();
    }
    String s = c.subject();
    if (s == null || s.isBlank()) {
      return null;
    }
    return s.regionMatches(true, 0, "re:", 0, 3) ? s : "Re: " + s;
  }

  private static IdentityType identityTypeOf(Channel channel) {
    return switch (channel) {
      case EMAIL -> IdentityType.EMAIL;
      case PHONE, WHATSAPP -> IdentityType.PHONE;
      case WEBCHAT -> IdentityType.VISITOR;
      case MESSENGER -> IdentityType.MESSENGER;
      case INSTAGRAM -> IdentityType.INSTAGRAM;
      case TELEGRAM -> IdentityType.TELEGRAM;
    };
  }

  private static Identity asIdentity(NormalizedIdentity n) {
    return new Identity(n.type(), n.value(), n.verified(), null);
  }
}
