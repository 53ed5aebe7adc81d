package io.contacthub.connector.email.imap;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mail the hub refused for good, kept out of the way so the mailbox moves on: one JSON line per
 * mail in {@code quarantine.jsonl} (when, which mailbox and UID, its Message-ID, the status and
 * reason), for an operator to look at and re-deliver once the cause is fixed.
 */
public final class QuarantineLog {

  static final String FILE_NAME = "quarantine.jsonl";

  private final Path file;
  private final AtomicLong count = new AtomicLong();

  public QuarantineLog(Path dir) {
    this.file = dir.resolve(FILE_NAME);
  }

  synchronized void record(String mailbox, long uid, String messageId, int status, String reason)
      throws IOException {
    Files.createDirectories(file.getParent());
    String line =
        new JsonObject()
                .put("at", Instant.now().toString())
                .put("mailbox", mailbox)
                .put("uid", uid)
                .put("messageId", messageId)
                .put("status", status)
                .put("reason", reason)
                .encode()
            + "\n";
    Files.writeString(
        file,
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.SYNC);
    count.incrementAndGet();
  }

  /** How many mails this process has quarantined. */
  public long count() {
    return count.get();
  }

  public Path file() {
    return file;
  }
}
