package io.contacthub.hub.routing.agents;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The after-call work an agent is doing: which queue's call, how long the talk was (millis), and
 * until when the hub keeps the agent out of routing. The call's handle time is the talk plus the
 * wrap-up actually taken, recorded when the wrap-up ends.
 */
public record WrapUp(
    String queue, Channel channel, long talkMillis, Instant startedAt, Instant until) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("queue", queue)
        .put("channel", channel.wireName())
        .put("talkMillis", talkMillis)
        .put("startedAt", startedAt.toString())
        .put("until", until.toString());
  }

  public static WrapUp fromJson(JsonObject j) {
    return j == null
        ? null
        : new WrapUp(
            j.getString("queue"),
            Channel.fromWireName(j.getString("channel")).orElseThrow(),
            j.getLong("talkMillis", 0L),
            Instant.parse(j.getString("startedAt")),
            Instant.parse(j.getString("until")));
  }
}
