package io.contacthub.hub.cluster;

import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.attachments.DiskAttachmentStore;
import io.contacthub.hub.auth.FileUserRecords;
import io.contacthub.hub.auth.UserRecords;
import io.contacthub.hub.log.SharedLog;
import io.contacthub.hub.routing.SharedRouting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The embedded mode: nothing is shared, the node's own state is the whole truth. */
final class SingleNode implements Cluster {

  @Override
  public Optional<SharedLog> sharedLog() {
    return Optional.empty();
  }

  @Override
  public Optional<SharedRouting> sharedRouting() {
    return Optional.empty();
  }

  @Override
  public UserRecords userRecords(Path dataDir) throws IOException {
    return new FileUserRecords(dataDir);
  }

  @Override
  public AttachmentStore attachments(Path dir, long maxBytes) throws IOException {
    return new DiskAttachmentStore(dir, maxBytes);
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
