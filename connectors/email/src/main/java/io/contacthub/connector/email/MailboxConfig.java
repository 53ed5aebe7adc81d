package io.contacthub.connector.email;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Function;

/**
 * One watched IMAP mailbox.
 *
 * @param moveTo the folder processed mail is moved to, or null to flag it {@code \Seen}
 * @param quarantine the folder mail the hub refuses for good is moved to, or null to flag it
 *     ({@code \Flagged} and the keyword {@value #REJECTED_KEYWORD}) where it is
 * @param pollInterval how often to poll without IDLE, and how long one IDLE may last
 * @param trust which servers TLS trusts
 * @param auth how the client logs in: with the password, or with it as an OAuth2 access token
 */
public record MailboxConfig(
    String host,
    int port,
    Tls tls,
    String username,
    String password,
    String folder,
    String moveTo,
    String quarantine,
    boolean idle,
    Duration pollInterval,
    TlsTrust trust,
    MailAuth auth) {

  public static final String DEFAULT_FOLDER = "INBOX";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
  public static final String REJECTED_KEYWORD = "ContactHubRejected";

  /** Identifies the mailbox in logs and checkpoint files. */
  public String key() {
    return username + "@" + host + ":" + port + "/" + folder;
  }

  static MailboxConfig from(JsonObject json, String path, Function<String, String> env) {
    Tls tls = Tls.parse(json.getString("tls", "tls"), path + ".tls");
    String moveTo = flagOrFolder(json, "processed", path);
    String quarantine = flagOrFolder(json, "rejected", path);
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
        quarantine,
        json.getBoolean("idle", true),
        Duration.ofSeconds(pollSeconds),
        tls == Tls.NONE ? TlsTrust.JDK_DEFAULT : TlsTrust.from(json, path, env),
        MailAuth.parse(json, path));
  }

  /** {@code flag} (null) or {@code move:<folder>} (the folder). */
  private static String flagOrFolder(JsonObject json, String key, String path) {
    String value = json.getString(key, "flag");
    if (value.startsWith("move:") && value.length() > "move:".length()) {
      return value.substring("move:".length());
    }
    if (!value.equals("flag")) {
      throw new IllegalArgumentException(
          path + "." + key + " must be flag or move:<folder>, not " + value);
    }
    return null;
  }
}
