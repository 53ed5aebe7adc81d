package io.contacthub.connector.phone;

import io.contacthub.connector.phone.call.Call;
import io.contacthub.connector.phone.call.CallTracker;
import io.contacthub.connector.phone.call.UnknownCallException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;

/**
 * What the phone system adds to a call after its events: the recording's address (agents' notes and
 * disposition are the hub's, beside {@code extras.call}). Completes with the call's new {@code
 * extras.call} once durable.
 *
 * <p>{@code storedCall} is the call's {@code extras.call} as the hub has it, used when this
 * connector no longer remembers the call (it forgets ended calls after an hour, and everything on
 * restart); pass null when there is none. Fails with {@link UnknownCallException} when neither
 * knows the call and {@link IllegalArgumentException} for unusable input.
 */
public final class CallActions {

  private final CallTracker tracker;
  private final Clock clock;

  public CallActions(CallTracker tracker, Clock clock) {
    this.tracker = tracker;
    this.clock = clock;
  }

  public Future<JsonObject> setRecording(String callId, JsonObject storedCall, String url) {
    if (!isHttpUrl(url)) {
      return invalid("the recording url must be an absolute http or https URL");
    }
    return tracker.annotate(callId, storedCall, c -> c.withRecording(url)).map(Call::toJson);
  }

  private static boolean isHttpUrl(String url) {
    if (url == null || url.length() > 2048) {
      return false;
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static <T> Future<T> invalid(String detail) {
    return Future.failedFuture(new IllegalArgumentException(detail));
  }
}
