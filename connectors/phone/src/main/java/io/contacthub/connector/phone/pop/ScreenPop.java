package io.contacthub.connector.phone.pop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * One call's pop: what it shows and who has it. Updates and the close wait for the pop to be out,
 * so an agent never gets "answered" before "ringing".
 */
public final class ScreenPop {

  private final Future<JsonObject> payload;
  private Future<Audience> sent;

  ScreenPop(Future<JsonObject> payload, Future<Audience> sent) {
    this.payload = payload;
    this.sent = sent;
  }

  Future<JsonObject> payload() {
    return payload;
  }

  /** Everyone who has the pop, once it is out. */
  public synchronized Future<Audience> sent() {
    return sent;
  }

  synchronized void then(Function<Audience, Future<Audience>> next) {
    sent = sent.compose(next);
  }
}
