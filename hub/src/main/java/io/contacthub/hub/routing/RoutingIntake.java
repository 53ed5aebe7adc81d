package io.contacthub.hub.routing;

import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.routing.engine.CallView;
import io.contacthub.hub.routing.engine.RoutingEngine;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Turns durable change records of the interaction log into routing calls: a customer's message on
 * an open conversation routing does not hold yet (new or reopened) is an arrival; an agent's reply
 * is a response; a resolved conversation ends its contact; a call's {@code extras.call} is tracked.
 * Customer attributes it reads: {@code segment}, {@code language}, {@code accountOwner}.
 */
final class RoutingIntake {

  private final RoutingEngine engine;
  private final CustomerDirectory customers;

  RoutingIntake(RoutingEngine engine, CustomerDirectory customers) {
    this.engine = engine;
    this.customers = customers;
  }

  void consume(long seq, ChangeRecord record) {
    if (seq <= engine.state().consumedSeq()) {
      return; // already consumed before a restart
    }
    engine.state().consumed(seq);
    if (record.cause() == ChangeRecord.Cause.STATUS) {
      for (Conversation c : record.conversations()) {
        if (c.status() == ConversationStatus.RESOLVED) {
          engine.conversationResolved(c.id());
        }
      }
      return;
    }
    if (record.cause() != ChangeRecord.Cause.INGEST
        && record.cause() != ChangeRecord.Cause.UPDATE) {
      return;
    }
    for (Interaction i : record.interactions()) {
      if (i.kind() == InteractionKind.CALL) {
        call(i);
      } else if (record.cause() == ChangeRecord.Cause.INGEST && !i.automated()) {
        message(i, record);
      }
    }
  }

  private void message(Interaction i, ChangeRecord record) {
    if (i.direction() == Direction.OUTBOUND) {
      engine.responded(i.conversationId());
      return;
    }
    Conversation c =
        record.conversations().stream()
            .filter(x -> x.id().equals(i.conversationId()))
            .findFirst()
            .orElse(null);
    if (c == null || c.status() != ConversationStatus.OPEN) {
      return;
    }
    JsonObject attrs = attributes(i.customerId());
    String language = text(attrs, "language");
    if (language == null) {
      language = text(i.extras(), "language");
    }
    engine.conversationOpened(
        new RoutingEngine.Arrival(
            c.id(),
            i.customerId(),
            i.channel(),
            language,
            text(attrs, "segment"),
            text(attrs, "accountOwner")));
  }

  private void call(Interaction i) {
    JsonObject call = i.extras().getJsonObject("call");
    if (call == null) {
      return;
    }
    engine.callChanged(
        new CallView(
            i.id(),
            i.conversationId(),
            i.customerId(),
            !"outbound".equals(call.getString("direction", "inbound")),
            call.getString("queue"),
            call.getString("state", "ringing"),
            instant(call.getString("startedAt")),
            instant(call.getString("answeredAt")),
            instant(call.getString("endedAt")),
            call.getString("answeredBy")));
  }

  /**
   * The attributes of the customer the id resolves to. Not {@code view}: it gathers the identities
   * of every merged member, which routing does not read, for every message.
   */
  private JsonObject attributes(String customerId) {
    return customers.root(customerId).map(Customer::attributes).orElseGet(JsonObject::new);
  }

  /** A string attribute, or null when missing, blank or not a string (attributes are free-form). */
  private static String text(JsonObject o, String key) {
    return o.getValue(key) instanceof String s && !s.isBlank() ? s : null;
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
