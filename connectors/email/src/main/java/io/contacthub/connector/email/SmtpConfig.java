package io.contacthub.connector.email;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Function;

/**
 * The SMTP server replies go out through.
 *
 * @param from the address replies are sent from (and a hub-owned address)
 * @param fromName display name used when the agent's name is unknown
 * @param messageIdDomain right-hand side of generated Message-IDs
 * @param auth how the client logs in: with the password, or with it as an OAuth2 access token
 * @param trust which servers TLS trusts
 */
public record SmtpConfig(
    String host,
    int port,
    Tls tls,
    String username,
    String password,
    String from,
    String fromName,
    String messageIdDomain,
    RetryPolicy retry,
    MailAuth auth,
    TlsTrust trust) {

  static SmtpConfig from(JsonObject json, Function<String, String> env) {
    String path = "email.smtp";
    Tls tls = Tls.parse(json.getString("tls", "starttls"), path + ".tls");
    String from = ConfigValues.required(json, "from", path);
    int at = from.lastIndexOf('@');
    if (at < 1 || at == from.length() - 1 || from.matches(".*[\\s<>\",].*")) {
      throw new IllegalArgumentException(path + ".from must be a bare address, not " + from);
    }
    JsonObject retry = json.getJsonObject("retry", new JsonObject());
    MailAuth auth = MailAuth.parse(json, path);
    String password = ConfigValues.secret(json, "password", path, env);
    if (auth == MailAuth.XOAUTH2 && (json.getString("username") == null || password == null)) {
      throw new IllegalArgumentException(
          path + ": auth xoauth2 needs username and password (the access token)");
    }
    return new SmtpConfig(
        ConfigValues.required(json, "host", path),
        ConfigValues.port(json, path, tls == Tls.TLS ? 465 : 587),
        tls,
        json.getString("username"),
        password,
        from,
        json.getString("fromName"),
        json.getString("messageIdDomain", from.substring(at + 1)),
        new RetryPolicy(
            retry.getInteger("attempts", RetryPolicy.DEFAULT_ATTEMPTS),
            Duration.ofMillis(
                retry.getLong("initialDelayMs", RetryPolicy.DEFAULT_INITIAL_DELAY.toMillis())),
            Duration.ofMillis(
                retry.getLong("maxDelayMs", RetryPolicy.DEFAULT_MAX_DELAY.toMillis()))),
        auth,
        tls == Tls.NONE ? TlsTrust.JDK_DEFAULT : TlsTrust.from(json, path, env));
  }
}
