package io.contacthub.connector.email.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;

/** Recognizes mail no person wrote (RFC 3834 and the de-facto headers of common mailers). */
final class AutoReplies {

  private AutoReplies() {}

  /** Why the mail is automatic, or null when a person sent it. */
  static String reason(MimeMessage msg, MailAddress from) throws MessagingException {
    String autoSubmitted = msg.getHeader("Auto-Submitted", null);
    if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
      return "Auto-Submitted: " + autoSubmitted.trim();
    }
    for (String header : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponse"}) {
      if (msg.getHeader(header) != null) {
        return header;
      }
    }
    String precedence = msg.getHeader("Precedence", null);
    if (precedence != null) {
      String p = precedence.trim().toLowerCase(Locale.ROOT);
      if (p.equals("bulk") || p.equals("auto_reply") || p.equals("junk")) {
        return "Precedence: " + p;
      }
    }
    if (from != null) {
      String local = from.address().toLowerCase(Locale.ROOT);
      if (local.startsWith("mailer-daemon@") || local.startsWith("postmaster@")) {
        return "system sender";
      }
    }
    return null;
  }
}
