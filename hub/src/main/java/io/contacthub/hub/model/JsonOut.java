package io.contacthub.hub.model;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;

/**
 * Where a model object writes its fields: into a {@link JsonObject} ({@link JsonTree}, for {@code
 * toJson()}) or straight to bytes ({@link JsonStream}, for the log record and the index's stored
 * JSON). Each type lists its fields once, and the encoded form never builds the tree first.
 */
public interface JsonOut {

  /** Writes one item's fields into the object it is given. */
  @FunctionalInterface
  interface Fields<T> {
    void write(T item, JsonOut out);
  }

  JsonOut put(String name, String value);

  JsonOut put(String name, long value);

  JsonOut put(String name, boolean value);

  /** A free-form object, written as it is (the tree keeps the reference, as {@code put} does). */
  JsonOut put(String name, JsonObject value);

  /** An array of strings (the tree wraps the list, as {@code new JsonArray(list)} does). */
  JsonOut putStrings(String name, List<String> values);

  /** An array with one object per item. */
  <T> JsonOut putObjects(String name, Collection<T> items, Fields<? super T> fields);
}
