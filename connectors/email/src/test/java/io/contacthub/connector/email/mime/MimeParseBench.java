package io.contacthub.connector.email.mime;

import io.contacthub.connector.email.html.HtmlSanitizer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parse throughput, not a test: parses 10,000 mails of mixed shapes (the test corpus, each copy
 * with its own Message-ID) including sanitizing HTML and collapsing quotes, as the inbound path
 * does before the hub is involved. Run after {@code mvn -pl connectors/email test-compile}:
 *
 * <pre>
 * mvn -q -pl connectors/email dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp connectors/email/target/classes:connectors/email/target/test-classes:$(cat
 *     connectors/email/target/cp.txt) io.contacthub.connector.email.mime.MimeParseBench
 * </pre>
 */
public final class MimeParseBench {

  private static final String[] SHAPES = {
    "outlook-reply-latin1.eml",
    "gmail-inline-image.eml",
    "apple-mail-reply.eml",
    "thunderbird-iso-2022-jp.eml",
    "outlook-web-html-only.eml",
    "gmail-forwarded.eml",
    "thunderbird-forward-attached.eml",
    "postfix-dsn-bounce.eml",
    "exchange-out-of-office.eml",
    "bad/malformed-multipart.eml",
    "bad/no-message-id.eml",
    "bad/hostile-html.eml"
  };
  private static final int MAILS = 10_000;
  private static final int WARMUP = 3_000;

  public static void main(String[] args) throws Exception {
    List<byte[]> mails = generate(MAILS);
    MimeParser parser = new MimeParser();
    run(parser, generate(WARMUP));

    long bytes = mails.stream().mapToLong(m -> m.length).sum();
    // CPU time too: on a shared machine wall time mostly measures the neighbours.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    int chars = run(parser, mails);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;

    System.out.printf(
        "parsed %,d mails (%.1f MB, %d shapes) in %.2f s: %,.0f mails/s, %.1f MB/s;"
            + " %.2f s on CPU: %,.0f mails per CPU-second [%d]%n",
        mails.size(),
        bytes / 1e6,
        SHAPES.length,
        seconds,
        mails.size() / seconds,
        bytes / 1e6 / seconds,
        cpuSeconds,
        mails.size() / cpuSeconds,
        chars % 10);
  }

  /** Returns a checksum so the work cannot be optimized away. */
  private static int run(MimeParser parser, List<byte[]> mails) {
    int chars = 0;
    for (byte[] raw : mails) {
      ParsedMail mail = parser.parse(raw);
      chars += QuoteCollapser.collapse(mail.text(), mail.subject()).visibleText().length();
      if (mail.html() != null) {
        chars += HtmlSanitizer.sanitize(mail.html(), id -> null).html().length();
      }
    }
    return chars;
  }

  private static List<byte[]> generate(int count) throws Exception {
    List<String> templates = new ArrayList<>();
    for (String shape : SHAPES) {
      try (InputStream in = MimeParseBench.class.getResourceAsStream("/mime/" + shape)) {
        templates.add(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
      }
    }
    List<byte[]> mails = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String mail =
          templates
              .get(i % templates.size())
              .replaceFirst("(?im)^Message-I[Dd]:\\s*<", "Message-ID: <bench" + i + ".");
      mails.add(mail.getBytes(StandardCharsets.ISO_8859_1));
    }
    return mails;
  }
}
