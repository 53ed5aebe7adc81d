package io.contacthub.hub.routing.metrics;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A finished step of a contact, what the queue metrics are computed from: answered after a wait,
 * abandoned after a wait, or handled for a time.
 *
 * @param at when it happened; outcomes older than the stats window no longer count
 * @param duration the wait (answered, abandoned) or the handle time (handled)
 */
public record Outcome(Kind kind, String queue, Channel channel, Instant at, Duration duration) {

  /** What happened. */
  public enum Kind {
    ANSWERED,
    ABANDONED,
    HANDLED
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("kind", kind.name().toLowerCase(Locale.ROOT))
        .put("queue", queue)
        .put("channel", channel.wireName())
        .put("at", at.toString())
        .put("millis", duration.toMillis());
  }

  public static Outcome fromJson(JsonObject j) {
    return new Outcome(
        Kind.valueOf(j.getString("kind").toUpperCase(Locale.ROOT)),
        j.getString("queue"),
        Channel.fromWireName(j.getString("channel")).orElseThrow(),
        Instant.parse(j.getString("at")),
        Duration.ofMillis(j.getLong("millis")));
  }
}
