package io.contacthub.hub.attachments;

import io.contacthub.connector.AttachmentRef;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Attachment content: on this node's disk in the embedded mode ({@link DiskAttachmentStore}), and
 * in Redis too in cluster mode, so that every node can serve what any node received. Stored before
 * the interaction that references it is ingested, so a timeline entry never points at missing
 * content. Blocking: call it off the event loop.
 */
public interface AttachmentStore {

  /** Stores the content under a new id; fails when it is larger than the configured maximum. */
  AttachmentRef store(String filename, String contentType, Buffer content, boolean inline)
      throws IOException;

  /** Metadata and a local file with the content, when the id names a stored attachment. */
  Optional<Stored> find(String id) throws IOException;

  /** A stored attachment: what to call it and where its bytes are on this node. */
  record Stored(String filename, String contentType, long size, Path content) {}
}
