package io.contacthub.hub.attachments;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.AttachmentTooLargeException;
import io.contacthub.hub.model.Ids;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Attachment content on disk under the data dir: {@code <id>.bin} plus {@code <id>.json} with its
 * metadata. Written durably (fsync, atomic rename) before the interaction that references it is
 * ingested, so a timeline entry never points at missing content. Blocking.
 */
public final class AttachmentStore {

  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

  private final Path dir;
  private final long maxBytes;

  public AttachmentStore(Path dir, long maxBytes) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.maxBytes = maxBytes;
  }

  public AttachmentRef store(String filename, String contentType, Buffer content, boolean inline)
      throws IOException {
    if (content.length() > maxBytes) {
      throw new AttachmentTooLargeException(content.length(), maxBytes);
    }
    String id = Ids.next();
    AttachmentRef ref =
        new AttachmentRef(
            id,
            filename == null ? "attachment" : filename,
            contentType == null ? "application/octet-stream" : contentType,
            content.length(),
            null,
            inline);
    writeDurably(dir.resolve(id + ".bin"), content.getBytes());
    JsonObject meta =
        new JsonObject()
            .put("id", id)
            .put("filename", ref.filename())
            .put("contentType", ref.contentType())
            .put("size", ref.size())
            .put("inline", inline);
    writeDurably(dir.resolve(id + ".json"), meta.toBuffer().getBytes());
    return ref;
  }

  /** Metadata and the content file, when the id names a stored attachment. */
  public Optional<Stored> find(String id) throws IOException {
    if (!ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Path meta = dir.resolve(id + ".json");
    if (!Files.exists(meta)) {
      return Optional.empty();
    }
    JsonObject m = Buffer.buffer(Files.readAllBytes(meta)).toJsonObject();
    return Optional.of(
        new Stored(
            m.getString("filename"),
            m.getString("contentType"),
            m.getLong("size"),
            dir.resolve(id + ".bin")));
  }

  /** A stored attachment: what to call it and where its bytes are. */
  public record Stored(String filename, String contentType, long size, Path content) {}

  private static void writeDurably(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
