package io.contacthub.connector.email.smtp;

import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.email.EmailConfig;
import io.contacthub.connector.email.MailAuth;
import io.contacthub.connector.email.SmtpConfig;
import io.contacthub.connector.email.Tls;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends agents' replies with the Vert.x mail client. Every header value is checked for line breaks
 * and encoded here, because the client writes user-supplied header values as they are.
 */
public final class SmtpSender {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpSender.class);

  private final Vertx vertx;
  private final SmtpConfig config;
  private final EmailConfig email;
  private final MailClient client;

  public SmtpSender(Vertx vertx, EmailConfig email) {
    this.vertx = vertx;
    this.email = email;
    this.config = email.smtp();
    this.client = MailClient.create(vertx, mailConfig(config));
  }

  public Future<DeliveryReceipt> send(OutboundMessage msg) {
    MailMessage mail;
    String messageId = UUID.randomUUID() + "@" + config.messageIdDomain();
    try {
      mail = compose(msg, messageId);
    } catch (DeliveryException e) {
      return Future.failedFuture(e);
    }
    Promise<DeliveryReceipt> result = Promise.promise();
    attempt(mail, messageId, 1, result);
    return result.future();
  }

  public Future<Void> close() {
    return client.close();
  }

  private void attempt(MailMessage mail, String messageId, int n, Promise<DeliveryReceipt> result) {
    client
        .sendMail(mail)
        .onSuccess(r -> result.complete(new DeliveryReceipt(messageId, DeliveryState.SENT, null)))
        .onFailure(
            err -> {
              boolean permanent = err instanceof SMTPException s && s.isPermanent();
              if (permanent || n >= config.retry().attempts()) {
                result.fail(
                    new DeliveryException(
                        "mail not sent after " + n + " attempt(s): " + err.getMessage(),
                        !permanent,
                        err));
                return;
              }
              long delay = config.retry().delayAfter(n).toMillis();
              LOG.info(
                  "sending {} failed ({}); retry {} in {} ms",
                  messageId,
                  err.getMessage(),
                  n + 1,
                  delay);
              vertx.setTimer(Math.max(1, delay), t -> attempt(mail, messageId, n + 1, result));
            });
  }

  private MailMessage compose(OutboundMessage msg, String messageId) {
    if (msg.to() == null) {
      throw rejected("no recipient");
    }
    String to = singleAddress(msg.to().value());
    if (email.isOwnAddress(to)) {
      throw rejected("the recipient " + to + " is the hub's own address; that would loop");
    }
    requireOneLine(msg.subject(), "subject");
    requireOneLine(msg.agentName(), "agent name");
    requireOneLine(msg.to().displayName(), "recipient name");
    ReplyHeaders thread = ReplyHeaders.of(msg.subject(), msg.thread());

    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("Message-ID", "<" + messageId + ">");
    headers.set("From", formatAddress(config.from(), displayName(msg)));
    headers.set("To", formatAddress(to, msg.to().displayName()));
    headers.set("Subject", MimeUtility.fold(9, encode(thread.subject())));
    if (thread.inReplyTo() != null) {
      headers.set("In-Reply-To", thread.inReplyTo());
      headers.set("References", MimeUtility.fold(12, thread.references()));
    }
    // Marks our own mail, so that it is recognized if it ever comes back in.
    headers.set("X-Loop", config.from());

    MailMessage mail =
        new MailMessage().setFrom(config.from()).setTo(List.of(to)).setHeaders(headers);
    mail.setText(msg.text() == null ? "" : msg.text());
    if (msg.html() != null && !msg.html().isBlank()) {
      mail.setHtml(msg.html());
    }
    return mail;
  }

  private String displayName(OutboundMessage msg) {
    if (msg.agentName() != null && !msg.agentName().isBlank()) {
      return config.fromName() == null
          ? msg.agentName()
          : msg.agentName() + " (" + config.fromName() + ")";
    }
    return config.fromName();
  }

  /** Exactly one syntactically valid address: a list would add recipients. */
  private static String singleAddress(String value) {
    requireOneLine(value, "recipient");
    try {
      InternetAddress[] parsed = InternetAddress.parse(value == null ? "" : value.strip(), true);
      if (parsed.length != 1 || parsed[0].getPersonal() != null) {
        throw rejected("the recipient must be one bare address, not " + value);
      }
      parsed[0].validate();
      return parsed[0].getAddress();
    } catch (AddressException e) {
      throw rejected("invalid recipient address " + value + ": " + e.getMessage());
    }
  }

  private static String formatAddress(String address, String name) {
    try {
      return name == null || name.isBlank()
          ? address
          : MimeUtility.fold(6, new InternetAddress(address, name.strip(), "UTF-8").toString());
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  private static String encode(String text) {
    try {
      return MimeUtility.encodeText(text, "UTF-8", null);
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  /** Line breaks in a header value would start new headers: refuse, never repair silently. */
  private static void requireOneLine(String value, String what) {
    if (value != null && value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
      throw rejected("line break in the " + what + " (header injection) refused");
    }
  }

  private static DeliveryException rejected(String reason) {
    return new DeliveryException(reason, false, null);
  }

  private static MailConfig mailConfig(SmtpConfig c) {
    MailConfig mc =
        new MailConfig()
            .setHostname(c.host())
            .setPort(c.port())
            .setSsl(c.tls() == Tls.TLS)
            .setStarttls(
                c.tls() == Tls.STARTTLS ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
            .setOwnHostname(c.messageIdDomain());
    if (c.username() != null) {
      mc.setLogin(LoginOption.REQUIRED).setUsername(c.username()).setPassword(c.password());
      if (c.auth() == MailAuth.XOAUTH2) {
        mc.setAuthMethods("XOAUTH2");
      }
    } else {
      mc.setLogin(LoginOption.DISABLED);
    }
    if (c.tls() != Tls.NONE) {
      // Trust is checked as configured; a server the config does not trust is refused.
      if (c.trust().trustAll()) {
        mc.setTrustAll(true);
      } else {
        mc.setHostnameVerificationAlgorithm("HTTPS");
        if (c.trust().trustManagers() != null) {
          mc.setTrustOptions(TrustOptions.wrap(c.trust().trustManagers()));
        }
      }
    }
    return mc;
  }
}
