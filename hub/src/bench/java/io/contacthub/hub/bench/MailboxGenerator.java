package io.contacthub.hub.bench;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

/**
 * A mailbox as support desks get it, built with Angus Mail: plain and HTML-only mail, multipart
 * alternative, related (inline image) and mixed (PDF attachment), UTF-8, ISO-8859-1, windows-1252
 * and ISO-2022-JP, encoded-word subjects, quoted-printable and base64, and replies that quote and
 * thread (In-Reply-To, References) to the sender's earlier mail.
 */
final class MailboxGenerator {

  static final String MAILBOX = "support@bench.test";
  private static final int SENDERS = 2_000;
  private static final int SHAPES = 7;

  private final Session session = Session.getInstance(new java.util.Properties());
  private final Random random;
  private final byte[] png;
  private final byte[] pdf;

  MailboxGenerator(long seed) {
    this.random = new Random(seed);
    this.png = bytes(2_000);
    this.pdf = bytes(24_000);
  }

  /** {@code count} raw mails (RFC 5322 bytes), in arrival order. */
  List<byte[]> generate(int count) throws MessagingException, IOException {
    List<byte[]> mails = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      mail(i).writeTo(out);
      mails.add(out.toByteArray());
    }
    return mails;
  }

  /** How many of each shape {@link #generate} makes, for the report. */
  static String shapes() {
    return "plain UTF-8 QP, alternative windows-1252, related with inline PNG, mixed with 24 KB"
        + " PDF, ISO-2022-JP, ISO-8859-1 quoting reply, HTML-only with remote image: 1/7 each";
  }

  private MimeMessage mail(int i) throws MessagingException, UnsupportedEncodingException {
    int sender = i % SENDERS;
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("customer" + sender + "@example.com", name(sender), "UTF-8"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
    m.setSentDate(Date.from(Instant.parse("2026-11-01T08:00:00Z").plusSeconds(i * 30L)));
    String subject = "Bestellung " + (10_000 + sender) + " – Lieferung fehlt";
    switch (i % SHAPES) {
      case 0 -> {
        m.setSubject(subject, "UTF-8");
        m.setText(body(i) + "\nGrüße, " + name(sender), "UTF-8");
        m.setHeader("Content-Transfer-Encoding", "quoted-printable");
      }
      case 1 -> {
        m.setSubject("Invoice question €", "windows-1252");
        m.setContent(alternative(body(i), "windows-1252"));
      }
      case 2 -> {
        m.setSubject(subject, "UTF-8");
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(html("<p>" + body(i) + "</p><img src=\"cid:shot" + i + "@x\">"));
        MimeBodyPart image = new MimeBodyPart();
        image.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
        image.setContentID("<shot" + i + "@x>");
        image.setDisposition("inline");
        image.setFileName("screenshot.png");
        related.addBodyPart(image);
        m.setContent(related);
      }
      case 3 -> {
        m.setSubject("Rechnung anbei", "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text(body(i), "UTF-8"));
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        file.setFileName("Rechnung-" + i + ".pdf");
        mixed.addBodyPart(file);
        m.setContent(mixed);
      }
      case 4 -> {
        m.setSubject("注文について " + sender, "ISO-2022-JP");
        m.setText("注文した商品がまだ届いていません。確認をお願いします。番号 " + i, "ISO-2022-JP");
      }
      case 5 -> {
        m.setSubject("Re: " + subject, "ISO-8859-1");
        String earlier = "<m" + (i - 5) + "@example.com>";
        m.setHeader("In-Reply-To", earlier);
        m.setHeader("References", earlier);
        m.setText(
            "Merci, ça marche.\n\nLe 1 nov., Support a écrit :\n> "
                + body(i)
                + "\n> -- \n> Support",
            "ISO-8859-1");
      }
      default -> {
        m.setSubject("Order not received", "UTF-8");
        m.setContent(
            "<div><p>"
                + body(i)
                + "</p><img src=\"https://track.example.net/p.gif?u="
                + i
                + "\" width=1 height=1></div>",
            "text/html; charset=UTF-8");
      }
    }
    m.saveChanges();
    // After saveChanges, which would generate its own.
    m.setHeader("Message-ID", "<m" + i + "@example.com>");
    return m;
  }

  private static MimeMultipart alternative(String text, String charset) throws MessagingException {
    MimeMultipart alt = new MimeMultipart("alternative");
    alt.addBodyPart(text(text, charset));
    MimeBodyPart html = new MimeBodyPart();
    html.setText("<html><body><p>" + text + "</p></body></html>", charset, "html");
    alt.addBodyPart(html);
    return alt;
  }

  private static MimeBodyPart text(String text, String charset) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(text, charset);
    return part;
  }

  private static MimeBodyPart html(String html) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText("<html><body>" + html + "</body></html>", "UTF-8", "html");
    return part;
  }

  private String body(int i) {
    String[] lines = {
      "My parcel has not arrived yet and the tracking page shows no update since Monday.",
      "Könnten Sie bitte prüfen, wo die Sendung hängt? Die Rechnung ist schon bezahlt.",
      "I was charged twice for the same order, please refund one of the payments.",
      "The invoice address is wrong, it should say Müller & Söhne GmbH.",
    };
    return lines[i % lines.length] + " Reference " + (random.nextInt(900_000) + 100_000) + ".";
  }

  private static String name(int sender) {
    String[] first = {"Anna", "Jürgen", "Françoise", "Ola", "Kenji", "María"};
    return first[sender % first.length] + " Kunde" + sender;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
