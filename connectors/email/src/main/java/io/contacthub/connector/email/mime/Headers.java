package io.contacthub.connector.email.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient, decoded reads of a mail's top-level headers; problems become warnings. */
final class Headers {

  private static final int MAX_REFERENCES = 100;
  private static final int MAX_SUBJECT_CHARS = 998;
  private static final Pattern BARE_ADDRESS =
      Pattern.compile("[^\\s<>\"',;:()]+@[^\\s<>\"',;:()]+");

  private Headers() {}

  static List<String> references(MimeMessage msg, List<String> warnings) {
    // References lists the thread oldest first; In-Reply-To is the direct parent.
    Set<String> ids = new LinkedHashSet<>(MessageIds.parse(header(msg, "References", warnings)));
    ids.addAll(MessageIds.parse(header(msg, "In-Reply-To", warnings)));
    List<String> list = new ArrayList<>(ids);
    return List.copyOf(list.subList(Math.max(0, list.size() - MAX_REFERENCES), list.size()));
  }

  static List<MailAddress> addresses(String header, List<String> warnings) {
    List<MailAddress> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    try {
      for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
        String address = a.getAddress();
        if (address != null && address.contains("@") && !address.matches(".*[\\s<>].*")) {
          out.add(new MailAddress(address.strip(), cleanHeaderText(a.getPersonal())));
        }
      }
    } catch (AddressException e) {
      warnings.add("unreadable address header " + header.strip() + "; addresses picked out");
      Matcher m = BARE_ADDRESS.matcher(header);
      while (m.find()) {
        out.add(new MailAddress(m.group(), null));
      }
    }
    return out;
  }

  static String subject(MimeMessage msg, List<String> warnings) {
    try {
      return cleanHeaderText(msg.getSubject());
    } catch (MessagingException e) {
      warnings.add("unreadable Subject: " + e.getMessage());
      return null;
    }
  }

  static Instant sentDate(MimeMessage msg, List<String> warnings) {
    try {
      var date = msg.getSentDate();
      return date == null ? null : date.toInstant();
    } catch (MessagingException e) {
      warnings.add("unreadable Date: " + e.getMessage());
      return null;
    }
  }

  static String header(MimeMessage msg, String name, List<String> warnings) {
    try {
      return msg.getHeader(name, ",");
    } catch (MessagingException e) {
      warnings.add("unreadable " + name + ": " + e.getMessage());
      return null;
    }
  }

  static List<String> headers(MimeMessage msg, String name, List<String> warnings) {
    try {
      String[] values = msg.getHeader(name);
      return values == null ? List.of() : List.of(values).stream().map(String::strip).toList();
    } catch (MessagingException e) {
      warnings.add("unreadable " + name + ": " + e.getMessage());
      return List.of();
    }
  }

  static String decodeWords(String s) {
    try {
      return MimeUtility.decodeText(s);
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return s;
    }
  }

  /**
   * One line of display text: decoded header values may hide CR/LF or other controls in encoded
   * words, which must never reach a reply's headers.
   */
  static String cleanHeaderText(String s) {
    if (s == null) {
      return null;
    }
    String clean =
        s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
    if (clean.length() > MAX_SUBJECT_CHARS) {
      clean = clean.substring(0, MAX_SUBJECT_CHARS);
    }
    return clean.isEmpty() ? null : clean;
  }

  static <T> T first(List<T> list) {
    return list.isEmpty() ? null : list.get(0);
  }
}
