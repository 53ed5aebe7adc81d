package io.contacthub.hub.offers;

import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.ingest.IngestSequencer;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Interaction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens into offer triggers and the selected offers into {@code offer} events: a
 * customer's inbound message (interaction.created), a message that reopens a pending or resolved
 * conversation (conversation.reopened), a status change back to open. Told about records once they
 * are durable, in log order, on the log's thread: it only notes the conversation's status and hands
 * the selection to a worker.
 */
public final class OfferDelivery implements IngestSequencer.ChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(OfferDelivery.class);

  private final Context context;
  private final WorkerExecutor workers;
  private final OfferEngine engine;
  private final LiveEvents events;
  private final OfferRecipients recipients;

  /** Conversations not open, with their status: a later open one was reopened. */
  private final Map<String, ConversationStatus> notOpen = new ConcurrentHashMap<>();

  public OfferDelivery(
      Context context,
      WorkerExecutor workers,
      OfferEngine engine,
      LiveEvents events,
      OfferRecipients recipients) {
    this.context = context;
    this.workers = workers;
    this.engine = engine;
    this.events = events;
    this.recipients = recipients;
  }

  /** The conversations that are pending or resolved at start. */
  public void seed(Collection<Conversation> conversations) {
    conversations.forEach(this::reopened);
  }

  @Override
  public void durable(long seq, ChangeRecord record) {
    if (record.cause() == ChangeRecord.Cause.INGEST && !record.interactions().isEmpty()) {
      Interaction i = record.interactions().get(0);
      Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
      boolean fromCustomer =
          i.direction() == Direction.INBOUND
              && i.kind() == InteractionKind.MESSAGE
              && !i.automated();
      boolean reopened = record.conversations().stream().anyMatch(this::reopened);
      if (fromCustomer) {
        triggers.add(Trigger.INTERACTION_CREATED);
        if (reopened) {
          triggers.add(Trigger.CONVERSATION_REOPENED);
        }
        dispatch(
            new OfferContext(
                triggers, i.channel(), i.customerId(), i.conversationId(), null, i.text()));
      }
      return;
    }
    for (Conversation c : record.conversations()) {
      if (reopened(c) && record.cause() == ChangeRecord.Cause.STATUS) {
        dispatch(
            new OfferContext(
                Set.of(Trigger.CONVERSATION_REOPENED), null, c.customerId(), c.id(), null, null));
      }
    }
  }

  /** Notes the status; true when an open conversation was pending or resolved before. */
  private boolean reopened(Conversation c) {
    if (c.status() == ConversationStatus.OPEN) {
      return notOpen.remove(c.id()) != null;
    }
    notOpen.put(c.id(), c.status());
    return false;
  }

  private void dispatch(OfferContext ctx) {
    context.runOnContext(
        v ->
            select(ctx)
                .compose(
                    offers ->
                        offers.isEmpty()
                            ? Future.succeededFuture()
                            : recipients
                                .forConversation(ctx.conversationId(), ctx.customerId())
                                .onSuccess(a -> publish(offers, a)))
                .onFailure(e -> LOG.warn("offer selection failed for {}", ctx.triggers(), e)));
  }

  Future<List<PresentedOffer>> select(OfferContext ctx) {
    return workers.executeBlocking(() -> engine.select(ctx), false);
  }

  void publish(List<PresentedOffer> offers, Audience audience) {
    offers.forEach(o -> events.publish(HubEvent.OFFER, o.toJson(), audience));
  }

  /** Offer cards for a payload ({@code offers} of a screen-pop). */
  static JsonArray cards(List<PresentedOffer> offers) {
    return new JsonArray(offers.stream().map(o -> (Object) o.toJson()).toList());
  }

  /** Completes {@code promise} unless it already is; the loser runs {@code otherwise}. */
  static <T> void completeOr(Promise<T> promise, T value, Runnable otherwise) {
    if (!promise.tryComplete(value)) {
      otherwise.run();
    }
  }
}
