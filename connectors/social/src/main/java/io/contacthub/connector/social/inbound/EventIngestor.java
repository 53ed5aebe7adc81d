package io.contacthub.connector.social.inbound;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.Direction;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.IngestRejectedException;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.connector.social.outbound.DeliveryTracker;
import io.contacthub.connector.social.whatsapp.ServiceWindow;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a parsed webhook to the hub, one event after the other in platform-time order, so a
 * conversation is decided in the order things happened even when a batch lists them otherwise.
 * Completes once every event is durable; a retried webhook is harmless because the hub drops an
 * interaction it has seen by {@code (channel, externalId)}.
 */
public final class EventIngestor {

  private static final Logger LOG = LoggerFactory.getLogger(EventIngestor.class);

  /** A status can arrive before the hub recorded the id the send returned: wait a little. */
  private static final int STATUS_ATTEMPTS = 5;

  private static final long STATUS_RETRY_MILLIS = 200;

  private final ConnectorContext ctx;
  private final DeliveryTracker tracker;
  private final ServiceWindow window;

  public EventIngestor(ConnectorContext ctx, DeliveryTracker tracker, ServiceWindow window) {
    this.ctx = ctx;
    this.tracker = tracker;
    this.window = window;
  }

  public Future<Void> apply(List<SocialEvent> events) {
    List<SocialEvent> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparing(SocialEvent::at)); // stable: same-time events keep order
    Future<Void> chain = Future.succeededFuture();
    for (SocialEvent e : ordered) {
      chain = chain.compose(v -> applyOne(e));
    }
    return chain;
  }

  private Future<Void> applyOne(SocialEvent event) {
    return switch (event) {
      case SocialEvent.Message m ->
          ctx.ingest(m.interaction()).onSuccess(a -> sawCustomer(m.interaction())).mapEmpty();
      case SocialEvent.Edit e ->
          ctx.update(e.update())
              .<Void>mapEmpty()
              .recover(err -> notFound(err) ? ctx.ingest(e.asNew()).mapEmpty() : failed(err));
      case SocialEvent.Status s -> status(s.channel(), s.messageId(), s.state(), s, 1);
      case SocialEvent.Watermark w -> {
        Future<Void> chain = Future.succeededFuture();
        for (String id : tracker.sentTo(w.recipientId(), w.at())) {
          SocialEvent.Status s = new SocialEvent.Status(w.channel(), id, w.state(), w.at(), null);
          chain = chain.compose(v -> status(s.channel(), id, s.state(), s, 1));
        }
        yield chain;
      }
    };
  }

  private void sawCustomer(io.contacthub.connector.InboundInteraction in) {
    if (in.channel() == Channel.WHATSAPP && in.direction() == Direction.INBOUND) {
      in.identities().stream()
          .filter(i -> i.type() == IdentityType.PHONE)
          .findFirst()
          .ifPresent(i -> window.customerWrote(i.value(), in.occurredAt()));
    }
  }

  private Future<Void> status(
      Channel channel, String messageId, DeliveryState state, SocialEvent.Status s, int attempt) {
    if (!tracker.advances(messageId, state)) {
      return Future.succeededFuture(); // a late or repeated status never moves a message back
    }
    JsonObject delivery =
        new JsonObject()
            .put("state", state.name().toLowerCase(Locale.ROOT))
            .put("externalId", messageId)
            .put("at", s.at().toString());
    if (s.detail() != null) {
      delivery.put("detail", s.detail());
    }
    InteractionUpdate update =
        new InteractionUpdate(
            channel, messageId, s.at(), null, new JsonObject().put("delivery", delivery));
    return ctx.update(update)
        .onSuccess(a -> tracker.record(messageId, state))
        .<Void>mapEmpty()
        .recover(
            err -> {
              if (!notFound(err)) {
                return failed(err);
              }
              if (attempt >= STATUS_ATTEMPTS) {
                // Not a message the hub sent (another tool on the same number): nothing to update.
                LOG.debug("status {} for unknown {} message {}", state, channel, messageId);
                return Future.succeededFuture();
              }
              Promise<Void> later = Promise.promise();
              ctx.vertx()
                  .setTimer(
                      STATUS_RETRY_MILLIS * attempt,
                      t -> status(channel, messageId, state, s, attempt + 1).onComplete(later));
              return later.future();
            });
  }

  private static boolean notFound(Throwable e) {
    return e instanceof IngestRejectedException r && r.status() == 404;
  }

  private static <T> Future<T> failed(Throwable e) {
    return Future.failedFuture(e);
  }
}
