package io.contacthub.hub.routing.metrics;

import io.vertx.core.json.JsonObject;

/**
 * The queue metrics of one queue, channel, or queue and channel. Counts cover the stats window;
 * waiting figures are the moment's. A rate or average without contacts is null, not zero.
 *
 * @param serviceLevelPercent answered within the queue's threshold, over answered plus abandoned
 *     (short abandons count in neither)
 * @param abandonRatePercent abandoned over answered plus abandoned (short abandons excluded)
 */
public record Figures(
    int waiting,
    double longestWaitSeconds,
    long answered,
    long answeredInThreshold,
    long abandoned,
    long shortAbandoned,
    long handled,
    Double serviceLevelPercent,
    Double averageSpeedOfAnswerSeconds,
    Double abandonRatePercent,
    Double averageHandleSeconds) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("waiting", waiting)
        .put("longestWaitSeconds", longestWaitSeconds)
        .put("answered", answered)
        .put("answeredInThreshold", answeredInThreshold)
        .put("abandoned", abandoned)
        .put("shortAbandoned", shortAbandoned)
        .put("handled", handled)
        .put("serviceLevelPercent", serviceLevelPercent)
        .put("averageSpeedOfAnswerSeconds", averageSpeedOfAnswerSeconds)
        .put("abandonRatePercent", abandonRatePercent)
        .put("averageHandleSeconds", averageHandleSeconds);
  }
}
