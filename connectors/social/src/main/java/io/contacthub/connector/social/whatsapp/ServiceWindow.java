package io.contacthub.connector.social.whatsapp;

import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WhatsApp's customer-service window: free text may be sent only within 24 hours of the customer's
 * latest message; outside it, only an approved template. The latest message time per number is kept
 * in memory as messages arrive; after a restart it is read back from the customer's timeline.
 */
public final class ServiceWindow {

  private static final int HISTORY_ITEMS = 100;

  private final ConnectorContext ctx;
  private final Duration length;
  private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();

  public ServiceWindow(ConnectorContext ctx, Duration length) {
    this.ctx = ctx;
    this.length = length;
  }

  public Duration length() {
    return length;
  }

  /** The customer with this number (E.164) wrote at {@code at}. */
  public void customerWrote(String e164, Instant at) {
    lastInbound.merge(e164, at, (a, b) -> b.isAfter(a) ? b : a);
  }

  /** When the window for this number closes (in the past when closed); null if never opened. */
  public Future<Instant> closesAt(String e164) {
    Instant known = lastInbound.get(e164);
    if (known != null) {
      return Future.succeededFuture(known.plus(length));
    }
    return ctx.customerSnapshot(Identity.of(IdentityType.PHONE, e164, true), HISTORY_ITEMS)
        .map(snapshot -> snapshot == null ? null : latestWhatsAppInbound(snapshot))
        .map(
            at -> {
              if (at == null) {
                return null;
              }
              customerWrote(e164, at);
              return at.plus(length);
            });
  }

  private static Instant latestWhatsAppInbound(JsonObject snapshot) {
    JsonArray history = snapshot.getJsonArray("history", new JsonArray());
    Instant latest = null;
    for (int i = 0; i < history.size(); i++) {
      JsonObject item = history.getJsonObject(i);
      if ("whatsapp".equals(item.getString("channel"))
          && "inbound".equals(item.getString("direction"))) {
        Instant at = Instant.parse(item.getString("occurredAt"));
        latest = latest == null || at.isAfter(latest) ? at : latest;
      }
    }
    return latest;
  }
}
