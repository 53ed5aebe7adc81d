package io.contacthub.hub.attachments;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.AttachmentTooLargeException;
import io.contacthub.hub.model.Ids;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Attachment content on disk under the data dir: {@code <id>.bin} plus {@code <id>.json} with its
 * metadata, each written durably (fsync, atomic rename), the content first, so metadata never names
 * missing content. Blocking.
 */
public final class DiskAttachmentStore implements AttachmentStore {

  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

  private final Path dir;
  private final long maxBytes;

  public DiskAttachmentStore(Path dir, long maxBytes) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.maxBytes = maxBytes;
  }

  @Override
  public AttachmentRef store(String filename, String contentType, Buffer content, boolean inline)
      throws IOException {
    if (content.length() > maxBytes) {
      throw new AttachmentTooLargeException(content.length(), maxBytes);
    }
    AttachmentRef ref =
        new AttachmentRef(
            Ids.next(),
            filename == null ? "attachment" : filename,
            contentType == null ? "application/octet-stream" : contentType,
            content.length(),
            null,
            inline);
    put(ref, content.getBytes());
    return ref;
  }

  /**
   * Writes an attachment under its existing id: one received here, or a copy of one another node
   * received. Concurrent copies of the same one are safe (each writes its own temporary file).
   */
  public void put(AttachmentRef ref, byte[] content) throws IOException {
    writeDurably(dir.resolve(ref.id() + ".bin"), content);
    JsonObject meta =
        new JsonObject()
            .put("id", ref.id())
            .put("filename", ref.filename())
            .put("contentType", ref.contentType())
            .put("size", ref.size())
            .put("inline", ref.inline());
    writeDurably(dir.resolve(ref.id() + ".json"), meta.toBuffer().getBytes());
  }

  @Override
  public Optional<Stored> find(String id) throws IOException {
    if (!isId(id)) {
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

  public long maxBytes() {
    return maxBytes;
  }

  /** Whether {@code id} has the form of an attachment id (anything else is never looked up). */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static void writeDurably(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
