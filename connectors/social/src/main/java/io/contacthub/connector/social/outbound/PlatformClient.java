package io.contacthub.connector.social.outbound;

import io.contacthub.connector.DeliveryException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON to a platform API and tries again on 429, 5xx and broken connections, waiting what the
 * platform asks ({@code Retry-After} in seconds or as a date; Telegram's {@code
 * parameters.retry_after}) or else an exponential backoff. Any other 4xx is final. Failures are
 * {@link DeliveryException}s with the platform's own error message; URLs are never in them, since
 * Telegram's holds the bot token.
 */
public final class PlatformClient {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformClient.class);
  private static final long REQUEST_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final WebClient client;
  private final RetryPolicy policy;

  public PlatformClient(Vertx vertx, WebClient client, RetryPolicy policy) {
    this.vertx = vertx;
    this.client = client;
    this.policy = policy;
  }

  /**
   * @param platform names the platform in errors ("WhatsApp")
   * @param bearer the access token, or null when the URL carries it
   */
  public Future<JsonObject> post(String platform, String url, String bearer, JsonObject body) {
    Promise<JsonObject> result = Promise.promise();
    attempt(platform, url, bearer, body.toBuffer(), 1, result);
    return result.future();
  }

  private void attempt(
      String platform, String url, String bearer, Buffer body, int n, Promise<JsonObject> result) {
    var request =
        client
            .postAbs(url)
            .timeout(REQUEST_TIMEOUT_MS)
            .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
    if (bearer != null) {
      request.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + bearer);
    }
    request
        .sendBuffer(body)
        .onComplete(
            ar -> {
              try {
                handle(platform, url, bearer, body, n, ar, result);
              } catch (RuntimeException e) {
                // An answer we cannot read must still settle the delivery, never leave it queued.
                result.tryFail(
                    new DeliveryException(platform + " answered unreadably: " + e, true, e));
              }
            });
  }

  private void handle(
      String platform,
      String url,
      String bearer,
      Buffer body,
      int n,
      io.vertx.core.AsyncResult<HttpResponse<Buffer>> ar,
      Promise<JsonObject> result) {
    if (ar.failed()) {
      retryOrFail(platform, url, bearer, body, n, null, ar.cause().getMessage(), result);
      return;
    }
    HttpResponse<Buffer> r = ar.result();
    int status = r.statusCode();
    if (status >= 200 && status < 300) {
      JsonObject json = jsonOrNull(r.body());
      if (json == null) {
        result.fail(
            new DeliveryException(
                platform + " answered " + status + " without a JSON body", true, null));
      } else {
        result.complete(json);
      }
    } else if (status == 429 || status >= 500) {
      retryOrFail(platform, url, bearer, body, n, r, describe(status, r), result);
    } else {
      result.fail(
          new DeliveryException(
              platform + " refused the message: " + describe(status, r), false, null));
    }
  }

  private void retryOrFail(
      String platform,
      String url,
      String bearer,
      Buffer body,
      int n,
      HttpResponse<Buffer> r,
      String why,
      Promise<JsonObject> result) {
    Duration asked = r == null ? null : retryAfter(r);
    if (n >= policy.attempts() || (asked != null && asked.compareTo(policy.maxRetryAfter()) > 0)) {
      result.fail(
          new DeliveryException(
              platform + " did not take the message after " + n + " attempt(s): " + why,
              true,
              null));
      return;
    }
    Duration wait = asked != null ? asked : policy.backoff(n);
    LOG.info("{} answered {}; trying again in {} ms", platform, why, wait.toMillis());
    vertx.setTimer(
        Math.max(1, wait.toMillis()), t -> attempt(platform, url, bearer, body, n + 1, result));
  }

  /** The wait the platform asked for, if it named one. */
  static Duration retryAfter(HttpResponse<Buffer> r) {
    String header = r.getHeader(HttpHeaders.RETRY_AFTER.toString());
    if (header != null && !header.isBlank()) {
      String h = header.strip();
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
      } catch (NumberFormatException e) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
          Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
          return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException ignored) {
          // an unreadable header: fall back to the body or the backoff
        }
      }
    }
    JsonObject json = jsonOrNull(r.body());
    JsonObject params = json == null ? null : json.getJsonObject("parameters");
    if (params != null && params.getValue("retry_after") instanceof Number n) {
      return Duration.ofSeconds(n.longValue());
    }
    return null;
  }

  /** "HTTP 400: (#100) Invalid parameter" from Graph's error.message or Telegram's description. */
  private static String describe(int status, HttpResponse<Buffer> r) {
    JsonObject json = jsonOrNull(r.body());
    String message = null;
    if (json != null) {
      Object text =
          json.getValue("error") instanceof JsonObject e
              ? e.getValue("message")
              : json.getValue("description");
      message = text instanceof String t ? t : null;
    }
    return "HTTP " + status + (message == null ? "" : ": " + message);
  }

  private static JsonObject jsonOrNull(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return body.toJsonValue() instanceof JsonObject o ? o : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
