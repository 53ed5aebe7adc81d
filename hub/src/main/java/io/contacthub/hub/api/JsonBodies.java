package io.contacthub.hub.api;

import io.contacthub.hub.model.HubException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The request-level checks of a JSON body for the routes that validate their body themselves (the
 * ingest routes): its media type and that it is a JSON object, with the same answers the contract's
 * validator gives the other routes (415, 400).
 */
final class JsonBodies {

  private static final String JSON = "application/json";

  private JsonBodies() {}

  /** Fails with 415 unless the request says its body is {@code application/json}. */
  static void requireJsonContentType(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    int parameters = contentType == null ? -1 : contentType.indexOf(';');
    String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
    if (mediaType == null || !mediaType.trim().equalsIgnoreCase(JSON)) {
      throw new HubException(
          415, "Unsupported Media Type", "send the request body as application/json");
    }
  }

  /** The body as a JSON object; a 400 {@link HubException} when it is not one. */
  static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      throw HubException.badRequest("the request body is required");
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw HubException.badRequest("the request body is not valid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw HubException.badRequest("the request body must be a JSON object");
    }
    return object;
  }
}
