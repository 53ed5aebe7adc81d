package io.contacthub.hub.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;

/**
 * Writes fields straight to UTF-8 JSON with a Jackson generator: the same bytes {@code
 * JsonTree.of(item, fields).toBuffer()} gives, without building the tree. Free-form objects go
 * through Vert.x's own encoder, so they come out exactly as Vert.x writes them.
 */
public final class JsonStream implements JsonOut {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator out;

  private JsonStream(JsonGenerator out) {
    this.out = out;
  }

  /** {@code item}'s fields as one JSON object, UTF-8. */
  public static <T> byte[] encode(T item, Fields<? super T> fields) {
    // Recycled buffers, as Vert.x encodes: a record does not fit the builder's first block.
    BufferRecycler recycler = FACTORY._getBufferRecycler();
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
      write(item, fields, bytes);
      byte[] out = bytes.toByteArray();
      bytes.release();
      return out;
    } catch (IOException e) {
      throw failed(e);
    } finally {
      recycler.releaseToPool();
    }
  }

  /**
   * {@code item}'s fields as one JSON object, UTF-8, written to {@code to} through the generator's
   * recycled buffer, without an array of the whole; {@code to} is neither flushed nor closed.
   */
  public static <T> void write(T item, Fields<? super T> fields, OutputStream to)
      throws IOException {
    try (JsonGenerator generator =
        FACTORY
            .createGenerator(to)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)) {
      generator.writeStartObject();
      fields.write(item, new JsonStream(generator));
      generator.writeEndObject();
    }
  }

  @Override
  public JsonOut put(String name, String value) {
    try {
      out.writeStringField(name, value); // null as null, like the tree
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  @Override
  public JsonOut put(String name, long value) {
    try {
      out.writeNumberField(name, value);
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  @Override
  public JsonOut put(String name, boolean value) {
    try {
      out.writeBooleanField(name, value);
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  @Override
  public JsonOut put(String name, JsonObject value) {
    try {
      out.writeFieldName(name);
      JacksonCodec.encodeJson(value, out);
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  @Override
  public JsonOut putStrings(String name, List<String> values) {
    try {
      out.writeArrayFieldStart(name);
      for (String v : values) {
        out.writeString(v);
      }
      out.writeEndArray();
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  @Override
  public <T> JsonOut putObjects(String name, Collection<T> items, Fields<? super T> fields) {
    try {
      out.writeArrayFieldStart(name);
      for (T item : items) {
        out.writeStartObject();
        fields.write(item, this);
        out.writeEndObject();
      }
      out.writeEndArray();
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  private static EncodeException failed(IOException e) {
    return new EncodeException("Failed to encode as JSON: " + e.getMessage());
  }
}
