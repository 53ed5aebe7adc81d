package io.contacthub.connector.email.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient reads of one MIME part's type, name, id and content. */
final class Parts {

  private static final Pattern MIME_TYPE = Pattern.compile("^\\s*([\\w.+-]+)/([\\w.+-]+)");
  static final Pattern UNSAFE_FILENAME = Pattern.compile("[\\\\/:*?\"<>|\\p{Cntrl}]");

  private Parts() {}

  static boolean isAttachment(Part part, String base) throws MessagingException {
    String disposition = null;
    try {
      disposition = part.getDisposition();
    } catch (ParseException e) {
      // an unreadable disposition says nothing; decide by type
    }
    if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || filename(part) != null) {
      return true;
    }
    return !base.equals("text/plain") && !base.equals("text/html");
  }

  static ContentType contentType(Part part, List<String> warnings) throws MessagingException {
    String header = part.getContentType();
    try {
      return new ContentType(header == null ? "text/plain" : header);
    } catch (ParseException e) {
      Matcher m = MIME_TYPE.matcher(header);
      warnings.add("unreadable Content-Type " + header.strip() + "; read by type only");
      return m.find()
          ? new ContentType(m.group(1), m.group(2), null)
          : new ContentType("text", "plain", null);
    }
  }

  /** Decoded content; content whose transfer encoding is broken is kept undecoded. */
  static byte[] bytes(Part part, List<String> warnings) throws MessagingException {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      warnings.add("undecodable transfer encoding (" + e.getMessage() + "); kept undecoded");
      return rawBytes(part);
    }
  }

  static byte[] rawBytes(Part part) {
    try {
      InputStream raw =
          part instanceof MimeBodyPart b
              ? b.getRawInputStream()
              : part instanceof MimeMessage m ? m.getRawInputStream() : part.getInputStream();
      try (raw) {
        return raw.readAllBytes();
      }
    } catch (MessagingException | IOException e) {
      return new byte[0];
    }
  }

  static String filename(Part part) throws MessagingException {
    String name;
    try {
      name = part.getFileName();
    } catch (ParseException e) {
      return null;
    }
    if (name == null) {
      return null;
    }
    if (name.contains("=?")) {
      name = Headers.decodeWords(name);
    }
    name = UNSAFE_FILENAME.matcher(name).replaceAll("_").strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.length() > 200) {
      name = name.substring(name.length() - 200);
    }
    return name.isEmpty() ? null : name;
  }

  static String contentId(Part part) throws MessagingException {
    String[] values = part.getHeader("Content-ID");
    if (values == null || values.length == 0) {
      return null;
    }
    String id = values[0].strip();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1).strip();
    }
    return id.isEmpty() ? null : id;
  }
}
