package io.contacthub.connector.email;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The connector's {@code email} config section, validated once at start.
 *
 * @param ownAddresses the hub's own addresses, lower-case: configured ones plus every mailbox login
 *     and the SMTP sender; never customers, never reply targets
 * @param maxMessageBytes largest raw MIME accepted on the HTTP endpoint
 * @param smtp null when the connector only receives
 */
public record EmailConfig(
    Set<String> ownAddresses,
    long maxMessageBytes,
    List<MailboxConfig> mailboxes,
    SmtpConfig smtp) {

  /** Over the hub's attachment limit, so a mail with one oversized attachment is still taken. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 64L * 1024 * 1024;

  public static EmailConfig from(JsonObject json, Function<String, String> env) {
    JsonArray boxes = json.getJsonArray("mailboxes", new JsonArray());
    List<MailboxConfig> mailboxes = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      mailboxes.add(MailboxConfig.from(boxes.getJsonObject(i), "email.mailboxes[" + i + "]", env));
    }
    JsonObject smtpJson = json.getJsonObject("smtp");
    SmtpConfig smtp = smtpJson == null ? null : SmtpConfig.from(smtpJson, env);

    Set<String> own = new LinkedHashSet<>();
    for (Object a : json.getJsonArray("ownAddresses", new JsonArray())) {
      own.add(String.valueOf(a).trim().toLowerCase(Locale.ROOT));
    }
    for (MailboxConfig m : mailboxes) {
      if (m.username().contains("@")) {
        own.add(m.username().toLowerCase(Locale.ROOT));
      }
    }
    if (smtp != null) {
      own.add(smtp.from().toLowerCase(Locale.ROOT));
    }
    long max = json.getLong("maxMessageBytes", DEFAULT_MAX_MESSAGE_BYTES);
    if (max < 1024) {
      throw new IllegalArgumentException("email.maxMessageBytes must be at least 1024");
    }
    return new EmailConfig(Set.copyOf(own), max, List.copyOf(mailboxes), smtp);
  }

  public boolean isOwnAddress(String address) {
    return address != null && ownAddresses.contains(address.trim().toLowerCase(Locale.ROOT));
  }
}
