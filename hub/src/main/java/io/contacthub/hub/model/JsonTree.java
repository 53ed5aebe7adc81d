package io.contacthub.hub.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;

/** Writes fields into a {@link JsonObject}. */
public final class JsonTree implements JsonOut {

  private final JsonObject into;

  private JsonTree(JsonObject into) {
    this.into = into;
  }

  /** A new object holding {@code item}'s fields. */
  public static <T> JsonObject of(T item, Fields<? super T> fields) {
    JsonObject json = new JsonObject();
    fields.write(item, new JsonTree(json));
    return json;
  }

  @Override
  public JsonOut put(String name, String value) {
    into.put(name, value);
    return this;
  }

  @Override
  public JsonOut put(String name, long value) {
    into.put(name, value);
    return this;
  }

  @Override
  public JsonOut put(String name, boolean value) {
    into.put(name, value);
    return this;
  }

  @Override
  public JsonOut put(String name, JsonObject value) {
    into.put(name, value);
    return this;
  }

  @Override
  public JsonOut putStrings(String name, List<String> values) {
    into.put(name, new JsonArray(values));
    return this;
  }

  @Override
  public <T> JsonOut putObjects(String name, Collection<T> items, Fields<? super T> fields) {
    JsonArray array = new JsonArray();
    for (T item : items) {
      array.add(of(item, fields));
    }
    into.put(name, array);
    return this;
  }
}
