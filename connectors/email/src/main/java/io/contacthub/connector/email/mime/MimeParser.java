package io.contacthub.connector.email.mime;

import io.contacthub.connector.email.html.Cids;
import io.contacthub.connector.email.html.HtmlText;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Parses raw RFC 5322 / MIME bytes with Angus Mail into a {@link ParsedMail}. Never throws: a part
 * it cannot read becomes a warning and, where possible, raw text, so no mail is lost.
 */
public final class MimeParser {

  private static final int MAX_DEPTH = 20;
  private static final int MAX_FALLBACK_TEXT_CHARS = 1 << 20;
  private static final Pattern CID_REFERENCE = Pattern.compile("(?i)cid:([^\"'\\s>)]+)");

  static {
    // jakarta.mail-api 2.1 finds its StreamProvider through ServiceLoader for every header block
    // and part it reads, a jar scan each time; naming Angus's provider (the one ServiceLoader
    // finds anyway) makes that a class lookup and parsing about twice as fast.
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }
  }

  private final Session session;

  public MimeParser() {
    Properties props = new Properties();
    props.setProperty("mail.mime.address.strict", "false");
    session = Session.getInstance(props);
  }

  public ParsedMail parse(byte[] raw) {
    List<String> warnings = new ArrayList<>();
    String sha256 = sha256(raw);
    MimeMessage msg;
    try {
      msg = new MimeMessage(session, new SharedByteArrayInputStream(raw));
    } catch (MessagingException | RuntimeException e) {
      warnings.add("unreadable message headers (" + e.getMessage() + "); kept as text");
      String text = truncate(TextDecoder.guess(raw), warnings);
      return new ParsedMail(
          null, sha256, List.of(), null, null, List.of(), List.of(), null, null, text, false, null,
          List.of(), null, null, List.of(), List.of(), warnings);
    }

    String messageId = MessageIds.first(Headers.header(msg, "Message-ID", warnings));
    MailAddress from =
        Headers.first(Headers.addresses(Headers.header(msg, "From", warnings), warnings));
    MailAddress replyTo =
        Headers.first(Headers.addresses(Headers.header(msg, "Reply-To", warnings), warnings));
    String autoReply = null;
    try {
      autoReply = AutoReplies.reason(msg, from);
    } catch (MessagingException e) {
      warnings.add("unreadable auto-reply headers: " + e.getMessage());
    }

    Body body = new Body(warnings);
    Text text = new Text();
    walk(msg, 0, text, body);

    String html = text.html.isEmpty() ? null : text.html.toString();
    Set<String> cids = referencedContentIds(html);
    List<MimeAttachment> attachments = new ArrayList<>();
    for (MimeAttachment a : body.attachments) {
      boolean inline = a.contentId() != null && cids.contains(Cids.normalize(a.contentId()));
      attachments.add(
          new MimeAttachment(a.filename(), a.contentType(), a.content(), a.contentId(), inline));
    }
    String plain = normalizeNewlines(text.plain.toString()).strip();
    boolean fromHtml = plain.isEmpty() && html != null;
    if (fromHtml) {
      plain = HtmlText.toText(html);
    }
    if (autoReply == null && body.reportType != null) {
      autoReply = "report: " + body.reportType;
    }

    return new ParsedMail(
        messageId,
        sha256,
        Headers.references(msg, warnings),
        from,
        replyTo,
        Headers.addresses(Headers.header(msg, "To", warnings), warnings),
        Headers.addresses(Headers.header(msg, "Cc", warnings), warnings),
        Headers.subject(msg, warnings),
        Headers.sentDate(msg, warnings),
        plain,
        fromHtml,
        html,
        attachments,
        autoReply,
        body.bounce,
        body.forwarded,
        Headers.headers(msg, "X-Loop", warnings),
        warnings);
  }

  private void walk(Part part, int depth, Text text, Body body) {
    if (depth > MAX_DEPTH) {
      body.warnings.add("MIME nesting deeper than " + MAX_DEPTH + "; inner parts skipped");
      return;
    }
    try {
      ContentType type = Parts.contentType(part, body.warnings);
      String base = type.getBaseType().toLowerCase(Locale.ROOT);
      if (base.startsWith("multipart/")) {
        Object content = part.getContent();
        if (!(content instanceof Multipart mp)) {
          throw new MessagingException("multipart without parts");
        }
        switch (base) {
          case "multipart/alternative" -> alternative(mp, depth, text, body);
          case "multipart/report" -> report(mp, type, depth, text, body);
          default -> {
            for (int i = 0; i < mp.getCount(); i++) {
              walk(mp.getBodyPart(i), depth + 1, text, body);
            }
          }
        }
      } else if (base.equals("message/rfc822")) {
        forwarded(part, body);
      } else if (!Parts.isAttachment(part, base) && base.equals("text/plain")) {
        append(
            text.plain, TextDecoder.decode(Parts.bytes(part, body.warnings), type, body.warnings));
      } else if (!Parts.isAttachment(part, base) && base.equals("text/html")) {
        append(
            text.html, TextDecoder.decode(Parts.bytes(part, body.warnings), type, body.warnings));
      } else {
        body.attachments.add(
            new MimeAttachment(
                Parts.filename(part),
                base,
                Parts.bytes(part, body.warnings),
                Parts.contentId(part),
                false));
      }
    } catch (MessagingException | IOException | RuntimeException e) {
      body.warnings.add("unreadable MIME part (" + e.getMessage() + "); kept as raw text");
      append(text.plain, truncate(TextDecoder.guess(Parts.rawBytes(part)), body.warnings));
    }
  }

  /** One body in several forms: the first plain text and the last (richest) HTML win. */
  private void alternative(Multipart mp, int depth, Text text, Body body)
      throws MessagingException {
    String plain = null;
    String html = null;
    for (int i = 0; i < mp.getCount(); i++) {
      Text sub = new Text();
      walk(mp.getBodyPart(i), depth + 1, sub, body);
      if (plain == null && !sub.plain.isEmpty()) {
        plain = sub.plain.toString();
      }
      if (!sub.html.isEmpty()) {
        html = sub.html.toString();
      }
    }
    append(text.plain, plain);
    append(text.html, html);
  }

  /** A DSN or other report: the human-readable part is the body, the status is parsed. */
  private void report(Multipart mp, ContentType type, int depth, Text text, Body body)
      throws MessagingException, IOException {
    String reportType = type.getParameter("report-type");
    body.reportType = reportType == null ? "unknown" : reportType.toLowerCase(Locale.ROOT);
    byte[] status = null;
    String originalId = null;
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart part = mp.getBodyPart(i);
      String base = Parts.contentType(part, body.warnings).getBaseType().toLowerCase(Locale.ROOT);
      switch (base) {
        case "message/delivery-status", "message/global-delivery-status" ->
            status = Parts.bytes(part, body.warnings);
        case "message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers" ->
            originalId =
                MessageIds.first(
                    new InternetHeaders(new ByteArrayInputStream(Parts.bytes(part, body.warnings)))
                        .getHeader("Message-ID", null));
        default -> walk(part, depth + 1, text, body);
      }
    }
    if (status != null) {
      body.bounce = DeliveryStatus.parse(status, originalId);
      if (body.bounce == null) {
        body.warnings.add("delivery status report names no recipient");
      }
    }
  }

  /** A mail attached to this one: kept as an .eml attachment, its headers noted. */
  private void forwarded(Part part, Body body) throws MessagingException {
    byte[] bytes = Parts.bytes(part, body.warnings);
    String subject = null;
    String from = null;
    String id = null;
    try {
      MimeMessage inner = new MimeMessage(session, new ByteArrayInputStream(bytes));
      subject = Headers.cleanHeaderText(inner.getSubject());
      MailAddress a = Headers.first(Headers.addresses(inner.getHeader("From", ","), body.warnings));
      from = a == null ? null : a.address();
      id = MessageIds.first(inner.getHeader("Message-ID", null));
    } catch (MessagingException e) {
      body.warnings.add("unreadable forwarded mail headers: " + e.getMessage());
    }
    body.forwarded.add(new Forwarded(subject, from, id));
    String name = Parts.filename(part);
    if (name == null) {
      name = (subject == null || subject.isBlank() ? "forwarded" : subject) + ".eml";
      name = Parts.UNSAFE_FILENAME.matcher(name).replaceAll("_");
    }
    body.attachments.add(
        new MimeAttachment(name, "message/rfc822", bytes, Parts.contentId(part), false));
  }

  private static Set<String> referencedContentIds(String html) {
    Set<String> ids = new LinkedHashSet<>();
    if (html != null) {
      Matcher m = CID_REFERENCE.matcher(html);
      while (m.find()) {
        ids.add(Cids.decode(m.group(1)));
      }
    }
    return ids;
  }

  private static void append(StringBuilder sb, String s) {
    if (s == null || s.isEmpty()) {
      return;
    }
    if (!sb.isEmpty()) {
      sb.append('\n');
    }
    sb.append(s);
  }

  private static String truncate(String s, List<String> warnings) {
    if (s.length() <= MAX_FALLBACK_TEXT_CHARS) {
      return s;
    }
    warnings.add("raw text truncated to " + MAX_FALLBACK_TEXT_CHARS + " characters");
    return s.substring(0, MAX_FALLBACK_TEXT_CHARS);
  }

  private static String normalizeNewlines(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Body text collected while walking one alternative branch. */
  private static final class Text {
    final StringBuilder plain = new StringBuilder();
    final StringBuilder html = new StringBuilder();
  }

  /** What the walk collects across all branches. */
  private static final class Body {
    final List<MimeAttachment> attachments = new ArrayList<>();
    final List<Forwarded> forwarded = new ArrayList<>();
    final List<String> warnings;
    Bounce bounce;
    String reportType;

    Body(List<String> warnings) {
      this.warnings = warnings;
    }
  }
}
