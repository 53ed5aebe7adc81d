package io.contacthub.hub.routing.metrics;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The live snapshot of every queue: the body of {@code GET /api/v1/queues/stats} and the payload of
 * {@code queue.stats} events, and what the meters at {@code /metrics} read.
 */
public record QueueStats(
    Instant at,
    Duration window,
    Duration shortAbandon,
    List<Row> queues,
    Map<Channel, Figures> channels,
    AgentCounts agents) {

  /** One queue: its totals, per channel, and the agents who can serve it. */
  public record Row(
      String queue,
      Duration serviceLevelThreshold,
      int serviceLevelTarget,
      Figures total,
      Map<Channel, Figures> channels,
      AgentCounts agents) {

    JsonObject toJson() {
      JsonArray chans = new JsonArray();
      channels.forEach((c, f) -> chans.add(f.toJson().put("channel", c.wireName())));
      return new JsonObject()
          .put("queue", queue)
          .put("serviceLevelSeconds", serviceLevelThreshold.toSeconds())
          .put("serviceLevelTargetPercent", serviceLevelTarget)
          .put("total", total.toJson())
          .put("channels", chans)
          .put("agents", agents.toJson());
    }
  }

  public JsonObject toJson() {
    JsonArray rows = new JsonArray();
    queues.forEach(r -> rows.add(r.toJson()));
    JsonArray chans = new JsonArray();
    channels.forEach((c, f) -> chans.add(f.toJson().put("channel", c.wireName())));
    return new JsonObject()
        .put("at", at.toString())
        .put("windowSeconds", window.toSeconds())
        .put("shortAbandonSeconds", shortAbandon.toSeconds())
        .put("queues", rows)
        .put("channels", chans)
        .put("agents", agents.toJson());
  }
}
