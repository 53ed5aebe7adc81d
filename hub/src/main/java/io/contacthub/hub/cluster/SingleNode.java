package io.contacthub.hub.cluster;

import io.contacthub.hub.log.SharedLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** The embedded mode: nothing is shared, the node's own state is the whole truth. */
final class SingleNode implements Cluster {

  @Override
  public Optional<SharedLog> sharedLog() {
    return Optional.empty();
  }

  @Override
  public Future<JsonObject> readiness(JsonObject local) {
    return Future.succeededFuture(local);
  }

  @Override
  public Future<Void> leave() {
    return Future.succeededFuture();
  }
}
