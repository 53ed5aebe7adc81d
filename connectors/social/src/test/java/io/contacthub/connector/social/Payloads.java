package io.contacthub.connector.social;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Webhook bodies under {@code src/test/resources/webhooks}, written after the platforms' docs. */
public final class Payloads {

  private Payloads() {}

  public static String raw(String name) {
    try (InputStream in = Payloads.class.getResourceAsStream("/webhooks/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test payload " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonObject json(String name) {
    return new JsonObject(raw(name));
  }
}
