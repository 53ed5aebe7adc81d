package io.contacthub.connector.phone.pop;

import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.LiveEvent;
import io.contacthub.connector.phone.PhoneNumbers;
import io.contacthub.connector.phone.call.Call;
import io.contacthub.connector.phone.call.CallEvent;
import io.contacthub.connector.phone.call.CallState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a ringing inbound call on the agents' screens with who is calling and what happened on every
 * channel, and updates or closes it on everyone who got it.
 */
public final class ScreenPops {

  public static final String POP = "screen_pop";
  public static final String UPDATE = "screen_pop.update";
  public static final String CLOSE = "screen_pop.close";

  private static final Logger LOG = LoggerFactory.getLogger(ScreenPops.class);
  private static final JsonArray UNKNOWN_CALLER_ACTIONS =
      new JsonArray().add("create_customer").add("link_customer");

  private final ConnectorContext ctx;
  private final AgentTargeting targeting;
  private final PhoneNumbers numbers;
  private final int historyItems;

  public ScreenPops(
      ConnectorContext ctx, AgentTargeting targeting, PhoneNumbers numbers, int historyItems) {
    this.ctx = ctx;
    this.targeting = targeting;
    this.numbers = numbers;
    this.historyItems = historyItems;
  }

  /** The customer lookup and the agent lookup run side by side: both are on the ring's path. */
  public ScreenPop open(Call call, CallEvent ring) {
    Future<JsonObject> payload = payload(call);
    Future<Audience> audience =
        targeting
            .initial(ring.agentKeys(), call.queue())
            .recover(
                e -> {
                  LOG.warn(
                      "agent lookup failed for call {}; popping to everyone", call.callId(), e);
                  return Future.succeededFuture(Audience.EVERYONE);
                });
    Future<Audience> sent =
        Future.all(payload, audience)
            .map(
                all -> {
                  publish(POP, payload.result(), audience.result());
                  return audience.result();
                });
    return new ScreenPop(payload, sent);
  }

  /** A later ring names more agents (a queue ringing the next member): they get the pop too. */
  public void extend(ScreenPop pop, CallEvent ring) {
    pop.then(
        had ->
            targeting
                .matching(ring.agentKeys())
                .otherwise(Audience.NOBODY)
                .compose(
                    named -> {
                      Audience added = had.notYetIn(named);
                      if (added.isEmpty()) {
                        return Future.succeededFuture(had);
                      }
                      return pop.payload()
                          .map(
                              p -> {
                                publish(POP, p, added);
                                return had.plus(added);
                              });
                    }));
  }

  public void answered(ScreenPop pop, Call call) {
    JsonObject update =
        new JsonObject()
            .put("callId", call.callId())
            .put("state", CallState.ANSWERED.wireName())
            .put("answeredBy", call.answeredBy());
    pop.sent().onSuccess(a -> publish(UPDATE, update, a));
  }

  public void closed(ScreenPop pop, Call call) {
    JsonObject close =
        new JsonObject()
            .put("callId", call.callId())
            .put("state", call.state() == CallState.ENDED ? "ended" : "missed")
            .put("cause", call.cause());
    pop.sent().onSuccess(a -> publish(CLOSE, close, a));
  }

  private void publish(String type, JsonObject payload, Audience audience) {
    if (!audience.isEmpty()) {
      ctx.publish(new LiveEvent(type, payload, audience.eventAgents()));
    }
  }

  private Future<JsonObject> payload(Call call) {
    String raw = call.customerNumber();
    boolean withheld = numbers.withheld(raw);
    Optional<String> number = withheld ? Optional.empty() : numbers.e164(raw);
    Future<JsonObject> snapshot =
        number
            .map(
                n ->
                    ctx.customerSnapshot(Identity.of(IdentityType.PHONE, n, false), historyItems)
                        .recover(
                            e -> {
                              LOG.warn("customer lookup failed for call {}", call.callId(), e);
                              return Future.succeededFuture(null);
                            }))
            .orElseGet(() -> Future.succeededFuture(null));
    return snapshot.map(s -> build(call, number.orElse(null), withheld, s));
  }

  private static JsonObject build(Call call, String number, boolean withheld, JsonObject snapshot) {
    boolean unknown = snapshot == null || snapshot.getJsonObject("customer") == null;
    JsonArray open = new JsonArray();
    if (!unknown) {
      // Resolved conversations are history, not something the agent picks up from.
      snapshot
          .getJsonArray("conversations", new JsonArray())
          .forEach(
              c -> {
                if (!(c instanceof JsonObject o) || !"resolved".equals(o.getString("status"))) {
                  open.add(c);
                }
              });
    }
    return new JsonObject()
        .put("callId", call.callId())
        .put("state", CallState.RINGING.wireName())
        .put("direction", call.direction().wireName())
        .put("from", call.from())
        .put("to", call.to())
        .put("queue", call.queue())
        .put("number", number)
        .put("withheld", withheld)
        .put("unknownCaller", unknown)
        .put("customer", unknown ? null : snapshot.getJsonObject("customer"))
        .put("conversations", open)
        .put(
            "history",
            unknown ? new JsonArray() : snapshot.getJsonArray("history", new JsonArray()))
        .put("actions", unknown ? UNKNOWN_CALLER_ACTIONS.copy() : new JsonArray());
  }
}
