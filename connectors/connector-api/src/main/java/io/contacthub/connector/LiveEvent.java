package io.contacthub.connector;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/**
 * An event a connector pushes to agents on the live stream (e.g. a screen-pop).
 *
 * @param type the event's {@code type} field on the stream
 * @param agents logins of the agents who receive it; empty means every staff member on the stream
 */
public record LiveEvent(String type, JsonObject payload, Set<String> agents) {

  public LiveEvent {
    Objects.requireNonNull(type, "type");
    payload = payload == null ? new JsonObject() : payload.copy();
    agents = agents == null ? Set.of() : Set.copyOf(agents);
  }
}
