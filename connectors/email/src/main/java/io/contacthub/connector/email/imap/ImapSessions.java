package io.contacthub.connector.email.imap;

import io.contacthub.connector.email.MailAuth;
import io.contacthub.connector.email.MailboxConfig;
import io.contacthub.connector.email.Tls;
import io.contacthub.connector.email.TlsTrust;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;

/** Angus Mail session settings for one mailbox. */
final class ImapSessions {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration READ_SLACK = Duration.ofSeconds(60);

  private ImapSessions() {}

  static String protocol(MailboxConfig config) {
    return config.tls() == Tls.TLS ? "imaps" : "imap";
  }

  static Session session(MailboxConfig config) {
    String p = "mail." + protocol(config) + ".";
    Properties props = new Properties();
    // Fetching must not mark mail \Seen: marking is the configured, explicit last step.
    props.setProperty(p + "peek", "true");
    // One FETCH per mail body instead of one per 16 KB chunk: every round trip costs latency.
    props.setProperty(p + "partialfetch", "false");
    props.setProperty(p + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
    // A read may legitimately wait a whole IDLE, which lasts at most one poll interval.
    props.setProperty(
        p + "timeout", String.valueOf(config.pollInterval().plus(READ_SLACK).toMillis()));
    if (config.tls() != Tls.NONE) {
      TlsTrust trust = config.trust();
      props.setProperty(p + "ssl.checkserveridentity", String.valueOf(!trust.trustAll()));
      if (trust.trustAll()) {
        props.setProperty(p + "ssl.trust", "*");
      } else if (trust.socketFactory() != null) {
        props.put(p + "ssl.socketFactory", trust.socketFactory());
      }
    }
    if (config.auth() == MailAuth.XOAUTH2) {
      // Naming the mechanism enables it (Angus Mail leaves XOAUTH2 off by default).
      props.setProperty(p + "auth.mechanisms", "XOAUTH2");
    }
    if (config.tls() == Tls.STARTTLS) {
      props.setProperty(p + "starttls.enable", "true");
      props.setProperty(p + "starttls.required", "true");
    }
    return Session.getInstance(props);
  }
}
