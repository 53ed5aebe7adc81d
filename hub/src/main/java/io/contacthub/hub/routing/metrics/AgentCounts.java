package io.contacthub.hub.routing.metrics;

import io.vertx.core.json.JsonObject;

/**
 * Agents by state. Busy: available with at least one contact; available: available with none.
 *
 * @param occupancyPercent busy and wrap-up agents over all staffed ones (available, busy, wrap-up);
 *     null when nobody is staffed
 */
public record AgentCounts(
    int available, int busy, int wrapUp, int away, int offline, Double occupancyPercent) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("available", available)
        .put("busy", busy)
        .put("wrap_up", wrapUp)
        .put("away", away)
        .put("offline", offline)
        .put("occupancyPercent", occupancyPercent);
  }
}
