package io.contacthub.connector.phone.call;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.connector.ThreadHints;
import io.contacthub.connector.phone.PhoneNumbers;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A call as the hub stores it: one interaction of kind {@code call} per call id, whose {@code
 * extras.call} is rewritten whole on every change (the hub replaces top-level extras keys).
 */
public final class CallInteractions {

  private final PhoneNumbers numbers;

  public CallInteractions(PhoneNumbers numbers) {
    this.numbers = numbers;
  }

  public InboundInteraction interaction(Call c) {
    return InboundInteraction.message(Channel.PHONE, c.callId())
        .direction(c.direction())
        .kind(InteractionKind.CALL)
        .occurredAt(c.startedAt())
        .identities(identities(c))
        .thread(ThreadHints.key("phone:" + c.callId()))
        .text(CallSummary.of(c, numbers))
        .extras(extras(c))
        .build();
  }

  public InteractionUpdate update(Call c, Instant at) {
    return new InteractionUpdate(
        Channel.PHONE, c.callId(), at, CallSummary.of(c, numbers), extras(c));
  }

  /**
   * The customer's number, in E.164 when it can be read: generic CTI numbers come without "+",
   * which the hub's region-based reading would take for national ones. A withheld number, an
   * extension or an unreadable one gives no identity; the raw value stays in {@code extras.call}.
   */
  private List<Identity> identities(Call c) {
    return numbers
        .e164(c.customerNumber())
        .map(n -> List.of(Identity.of(IdentityType.PHONE, n, false)))
        .orElse(List.of());
  }

  private static JsonObject extras(Call c) {
    return new JsonObject().put("call", c.toJson());
  }
}
