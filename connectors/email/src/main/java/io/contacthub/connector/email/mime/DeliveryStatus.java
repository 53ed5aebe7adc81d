package io.contacthub.connector.email.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads the {@code message/delivery-status} part of a DSN (RFC 3464). */
final class DeliveryStatus {

  private DeliveryStatus() {}

  /**
   * The first failed recipient in the report, else its first recipient; null when the report names
   * none.
   */
  static Bounce parse(byte[] report, String originalMessageId) throws MessagingException {
    // Blocks are separated by blank lines: one per message, then one per recipient.
    String[] blocks = new String(report, StandardCharsets.UTF_8).split("\r?\n\\s*\r?\n");
    Bounce first = null;
    for (int i = 1; i < blocks.length; i++) {
      InternetHeaders h =
          new InternetHeaders(
              new ByteArrayInputStream((blocks[i] + "\n\n").getBytes(StandardCharsets.UTF_8)));
      String recipient = address(h.getHeader("Final-Recipient", null));
      if (recipient == null) {
        recipient = address(h.getHeader("Original-Recipient", null));
      }
      if (recipient == null) {
        continue;
      }
      String action = lower(h.getHeader("Action", null));
      Bounce b =
          new Bounce(
              recipient,
              trim(h.getHeader("Status", null)),
              action,
              trim(h.getHeader("Diagnostic-Code", null)),
              originalMessageId);
      if ("failed".equals(action)) {
        return b;
      }
      if (first == null) {
        first = b;
      }
    }
    return first;
  }

  /** {@code rfc822; user@example.com} to {@code user@example.com}. */
  private static String address(String field) {
    if (field == null) {
      return null;
    }
    int semi = field.indexOf(';');
    String a = (semi >= 0 ? field.substring(semi + 1) : field).trim();
    if (a.startsWith("<") && a.endsWith(">")) {
      a = a.substring(1, a.length() - 1);
    }
    return a.contains("@") ? a : null;
  }

  private static String trim(String s) {
    return s == null ? null : s.replaceAll("\\s+", " ").trim();
  }

  private static String lower(String s) {
    return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
  }
}
