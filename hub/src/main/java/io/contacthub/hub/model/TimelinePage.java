package io.contacthub.hub.model;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a customer's timeline, newest first; {@code nextCursor} is null on the last. Each
 * item is the interaction's JSON as the index stores it, which is exactly {@link
 * Interaction#toJson()}'s encoding: a page is answered by joining those bytes, without parsing 50
 * documents into objects and writing them out again.
 */
public record TimelinePage(List<byte[]> itemsJson, String nextCursor) {

  private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEXT_CURSOR = "],\"nextCursor\":".getBytes(StandardCharsets.UTF_8);

  public TimelinePage {
    itemsJson = List.copyOf(itemsJson);
  }

  /** A page of interactions held as objects. */
  public static TimelinePage of(List<Interaction> items, String nextCursor) {
    return new TimelinePage(
        items.stream().map(i -> JsonStream.encode(i, Interaction::writeJson)).toList(), nextCursor);
  }

  /** The items as interactions. */
  public List<Interaction> items() {
    return itemsJson.stream()
        .map(json -> Interaction.fromJson(new JsonObject(Buffer.buffer(json))))
        .toList();
  }

  /** The items as JSON objects. */
  public JsonArray itemsAsJsonArray() {
    JsonArray out = new JsonArray(new ArrayList<>(itemsJson.size()));
    itemsJson.forEach(json -> out.add(new JsonObject(Buffer.buffer(json))));
    return out;
  }

  /** {@code {"items": [...], "nextCursor": ...}}, UTF-8. */
  public Buffer toBuffer() {
    int size =
        ITEMS.length + NEXT_CURSOR.length + 64 + (nextCursor == null ? 0 : nextCursor.length());
    for (byte[] item : itemsJson) {
      size += item.length + 1;
    }
    Buffer out = Buffer.buffer(size).appendBytes(ITEMS);
    for (int i = 0; i < itemsJson.size(); i++) {
      if (i > 0) {
        out.appendByte((byte) ',');
      }
      out.appendBytes(itemsJson.get(i));
    }
    return out.appendBytes(NEXT_CURSOR)
        .appendString(Json.encode(nextCursor))
        .appendByte((byte) '}');
  }
}
