package io.contacthub.hub.cluster;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The embedded mode: nothing is shared, the node's own state is the whole truth. */
final class SingleNode implements Cluster {

  @Override
  public Future<JsonObject> readiness(JsonObject local) {
    return Future.succeededFuture(local);
  }

  @Override
  public Future<Void> leave() {
    return Future.succeededFuture();
  }
}
