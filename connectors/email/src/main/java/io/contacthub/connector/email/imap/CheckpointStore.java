package io.contacthub.connector.email.imap;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One small JSON file per mailbox under the connector's data dir. Writes are crash-safe: a temp
 * file is fsynced, atomically renamed over the old one, and the directory fsynced, so a reader sees
 * either the old or the new checkpoint, never a torn one. Blocking: call from a worker or virtual
 * thread.
 */
public final class CheckpointStore {

  private final Path dir;

  public CheckpointStore(Path dir) {
    this.dir = dir;
  }

  public Checkpoint load(String mailboxKey) throws IOException {
    Path file = file(mailboxKey);
    try {
      JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      return new Checkpoint(json.getLong("uidValidity"), json.getLong("lastUid"));
    } catch (NoSuchFileException e) {
      return Checkpoint.NONE;
    } catch (DecodeException | NullPointerException | ClassCastException e) {
      throw new IOException("unreadable checkpoint " + file + "; fix or delete it", e);
    }
  }

  public void save(String mailboxKey, Checkpoint checkpoint) throws IOException {
    Files.createDirectories(dir);
    Path target = file(mailboxKey);
    Path temp = dir.resolve(target.getFileName() + ".tmp");
    byte[] bytes =
        new JsonObject()
            .put("mailbox", mailboxKey)
            .put("uidValidity", checkpoint.uidValidity())
            .put("lastUid", checkpoint.lastUid())
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory();
  }

  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is still atomic there.
    }
  }

  /** A hashed name: mailbox keys hold characters no file system likes. */
  private Path file(String mailboxKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(mailboxKey.getBytes(StandardCharsets.UTF_8));
      return dir.resolve("imap-" + HexFormat.of().formatHex(digest, 0, 12) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
