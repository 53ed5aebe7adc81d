package io.contacthub.hub.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of a customer's timeline, newest first; {@code nextCursor} is null on the last. */
public record TimelinePage(List<Interaction> items, String nextCursor) {

  public JsonObject toJson() {
    JsonArray arr = new JsonArray();
    items.forEach(i -> arr.add(i.toJson()));
    return new JsonObject().put("items", arr).put("nextCursor", nextCursor);
  }
}
