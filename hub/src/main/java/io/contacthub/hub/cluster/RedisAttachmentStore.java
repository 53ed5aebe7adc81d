package io.contacthub.hub.cluster;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.attachments.DiskAttachmentStore;
import io.contacthub.hub.model.HubException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cluster mode's attachments: on the receiving node's disk as in the embedded mode, and in one
 * Redis hash per attachment ({@code meta}: name, type, size, SHA-256; {@code content}: the bytes),
 * written before the store answers, so the interaction is only ingested once every node can fetch
 * its content. A node asked for an attachment it lacks fetches it from Redis, checks size and hash,
 * and keeps a copy on its disk for the next request. Nothing expires: the log refers to attachments
 * forever. While Redis is unreachable, storing fails and so does fetching what this node lacks,
 * with 503 (Retry-After 1); what it has on disk is still served.
 */
final class RedisAttachmentStore implements AttachmentStore {

  static final String KEY_PREFIX = "contacthub:attachment:";
  private static final byte[] META = "meta".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT = "content".getBytes(StandardCharsets.US_ASCII);

  private final DiskAttachmentStore local;
  private final RedisCommands<byte[], byte[]> commands;

  RedisAttachmentStore(DiskAttachmentStore local, RedisCommands<byte[], byte[]> commands) {
    this.local = local;
    this.commands = commands;
  }

  @Override
  public AttachmentRef store(String filename, String contentType, Buffer content, boolean inline)
      throws IOException {
    AttachmentRef ref = local.store(filename, contentType, content, inline);
    byte[] bytes = content.getBytes();
    JsonObject meta =
        new JsonObject()
            .put("filename", ref.filename())
            .put("contentType", ref.contentType())
            .put("size", ref.size())
            .put("inline", ref.inline())
            .put("sha256", sha256(bytes));
    call(
        () ->
            commands.hset(key(ref.id()), Map.of(META, meta.toBuffer().getBytes(), CONTENT, bytes)));
    return ref;
  }

  @Override
  public Optional<Stored> find(String id) throws IOException {
    Optional<Stored> here = local.find(id);
    if (here.isPresent() || !DiskAttachmentStore.isId(id)) {
      return here;
    }
    Map<byte[], byte[]> fields = call(() -> commands.hgetall(key(id)));
    byte[] metaBytes = null;
    byte[] content = null;
    for (Map.Entry<byte[], byte[]> f : fields.entrySet()) {
      if (Arrays.equals(f.getKey(), META)) {
        metaBytes = f.getValue();
      } else if (Arrays.equals(f.getKey(), CONTENT)) {
        content = f.getValue();
      }
    }
    if (metaBytes == null || content == null) {
      return Optional.empty();
    }
    JsonObject meta = Buffer.buffer(metaBytes).toJsonObject();
    if (content.length != meta.getLong("size")
        || !sha256(content).equals(meta.getString("sha256"))) {
      throw new IllegalStateException(
          "attachment " + id + " in Redis does not match its recorded size and SHA-256");
    }
    local.put(
        new AttachmentRef(
            id,
            meta.getString("filename"),
            meta.getString("contentType"),
            content.length,
            null,
            meta.getBoolean("inline", false)),
        content);
    return local.find(id);
  }

  private static byte[] key(String id) {
    return (KEY_PREFIX + id).getBytes(StandardCharsets.US_ASCII);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw HubException.unavailable(
          "attachments are shared through Redis, which cannot be reached (" + e.getMessage() + ")",
          1);
    }
  }
}
