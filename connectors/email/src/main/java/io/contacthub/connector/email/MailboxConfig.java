package io.contacthub.connector.email;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Function;

/**
 * One watched IMAP mailbox.
 *
 * @param moveTo the folder processed mail is moved to, or null to flag it {@code \Seen}
 * @param pollInterval how often to poll without IDLE, and how long one IDLE may last
 */
public record MailboxConfig(
    String host,
    int port,
    Tls tls,
    String username,
    String password,
    String folder,
    String moveTo,
    boolean idle,
    Duration pollInterval) {

  public static final String DEFAULT_FOLDER = "INBOX";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

  /** Identifies the mailbox in logs and checkpoint files. */
  public String key() {
    return username + "@" + host + ":" + port + "/" + folder;
  }

  static MailboxConfig from(JsonObject json, String path, Function<String, String> env) {
    Tls tls = Tls.parse(json.getString("tls", "tls"), path + ".tls");
    String processed = json.getString("processed", "flag");
    String moveTo = null;
    if (processed.startsWith("move:") && processed.length() > "move:".length()) {
      moveTo = processed.substring("move:".length());
    } else if (!processed.equals("flag")) {
      throw new IllegalArgumentException(
          path + ".processed must be flag or move:<folder>, not " + processed);
    }
    long pollSeconds = json.getLong("pollIntervalSeconds", DEFAULT_POLL_INTERVAL.toSeconds());
    if (pollSeconds < 1) {
      throw new IllegalArgumentException(path + ".pollIntervalSeconds must be at least 1");
    }
    String password = ConfigValues.secret(json, "password", path, env);
    if (password == null) {
      throw new IllegalArgumentException(path + ".password is required");
    }
    return new MailboxConfig(
        ConfigValues.required(json, "host", path),
        ConfigValues.port(json, path, tls == Tls.TLS ? 993 : 143),
        tls,
        ConfigValues.required(json, "username", path),
        password,
        json.getString("folder", DEFAULT_FOLDER),
        moveTo,
        json.getBoolean("idle", true),
        Duration.ofSeconds(pollSeconds));
  }
}
