package io.contacthub.hub.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Search hits with highlighted snippets and per-channel counts over all matches.
 *
 * @param facets channel wire name to the number of matching interactions
 */
public record SearchResult(
    long total, List<Hit> hits, Map<String, Long> facets, String nextCursor) {

  /** One matching interaction; {@code snippet} has matches wrapped in {@code <mark>}. */
  public record Hit(Interaction interaction, float score, String snippet) {}

  public JsonObject toJson() {
    JsonArray arr = new JsonArray();
    for (Hit h : hits) {
      Interaction i = h.interaction();
      arr.add(
          new JsonObject()
              .put("interactionId", i.id())
              .put("customerId", i.customerId())
              .put("conversationId", i.conversationId())
              .put("channel", i.channel().wireName())
              .put("direction", i.direction().wireName())
              .put("kind", i.kind().wireName())
              .put("occurredAt", i.occurredAt().toString())
              .put("subject", i.subject())
              .put("score", h.score())
              .put("snippet", h.snippet()));
    }
    JsonObject channelCounts = new JsonObject();
    facets.forEach(channelCounts::put);
    return new JsonObject()
        .put("total", total)
        .put("hits", arr)
        .put("facets", new JsonObject().put("channel", channelCounts))
        .put("nextCursor", nextCursor);
  }
}
