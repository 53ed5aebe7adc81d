package io.contacthub.hub.api;

import io.contacthub.hub.model.HubException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;

/**
 * An RFC 9457 problem: what an error response says. {@link #of} decides which failures are the
 * client's fault (4xx, with a detail worth showing) and which are the server's (5xx, generic).
 *
 * @param retryAfterSeconds for a {@code Retry-After} header, or null
 * @param clientFault whether the detail may be shown and the failure logged without a stack trace
 */
record Problem(
    int status, String title, String detail, Integer retryAfterSeconds, boolean clientFault) {

  static final String CONTENT_TYPE = "application/problem+json";
  static final String INTERNAL_DETAIL = "internal error; the server log has the details";

  static Problem status(int status, String detail) {
    return new Problem(status, reason(status), detail, null, status < 500);
  }

  static Problem badRequest(String detail) {
    return status(400, detail);
  }

  /** Maps a failure, or a bare status when {@code failure} is null. */
  static Problem of(Throwable failure, int statusCode) {
    if (failure == null) {
      return status(statusCode > 0 ? statusCode : 500, null);
    }
    if (failure instanceof HubException h) {
      return new Problem(
          h.status(), h.title(), h.detail(), h.retryAfterSeconds(), h.status() < 500);
    }
    if (failure instanceof SchemaValidationException s) {
      return badRequest(SchemaErrors.describe(s));
    }
    if (failure instanceof ValidatorException v) {
      return fromValidator(v);
    }
    if (failure instanceof DecodeException) {
      return badRequest("the request body is not valid JSON");
    }
    if (failure instanceof IllegalArgumentException) {
      return badRequest(failure.getMessage());
    }
    if (failure instanceof HttpException h && h.getStatusCode() < 500) {
      return status(h.getStatusCode(), h.getPayload());
    }
    return new Problem(500, reason(500), INTERNAL_DETAIL, null, false);
  }

  private static Problem fromValidator(ValidatorException v) {
    String message = v.getMessage() == null ? "" : v.getMessage();
    if (v.type() == ValidatorErrorType.MISSING_OPERATION) {
      return new Problem(500, reason(500), INTERNAL_DETAIL, null, false);
    }
    if (v.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && message.contains("body")) {
      return status(415, "send the request body as application/json");
    }
    if (message.contains("body can't be decoded")) {
      return badRequest("the request body is not valid JSON");
    }
    return badRequest(message);
  }

  JsonObject toJson() {
    JsonObject json =
        new JsonObject().put("type", "about:blank").put("title", title).put("status", status);
    return detail == null ? json : json.put("detail", detail);
  }

  static String reason(int status) {
    return HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
