package io.contacthub.hub.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.contacthub.connector.email.html.HtmlSanitizer;
import io.contacthub.connector.email.mime.MimeParser;
import io.contacthub.connector.email.mime.ParsedMail;
import io.contacthub.connector.email.mime.QuoteCollapser;
import io.contacthub.hub.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The email channel's mailbox benchmark (not a test): a generated mailbox of 10,000 mails of varied
 * MIME ({@link MailboxGenerator}), first parsed in this JVM alone (the baseline: MIME parsing,
 * quote collapsing and HTML sanitizing, one thread), then delivered into a GreenMail IMAP mailbox
 * that the packaged hub, in its own JVM, watches with IDLE: the figure is mails/s from the first
 * delivery until every mail is durable in the hub, and until it is searchable.
 *
 * <pre>
 * mvn -B -q -Pbench -pl hub -am integration-test -DskipTests \
 *   -Dbench.main=io.contacthub.hub.bench.MailboxBench [-Dbench.scale=0.1]
 * </pre>
 */
public final class MailboxBench {

  private static final int FULL_MAILS = 10_000;
  private static final String PASSWORD = "bench-mailbox-password";

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchArgs.parse(args);
    int mails =
        (int)
            Math.max(
                100, Math.round(FULL_MAILS * Double.parseDouble(a.getOrDefault("scale", "1"))));
    Path work = Path.of(a.getOrDefault("work", "target/bench"));
    Path jar = Path.of(a.getOrDefault("hub-jar", "target/contact-hub.jar"));
    String heap = a.getOrDefault("hub-heap", "2g");
    run(work, jar, heap, mails);
  }

  private static void run(Path work, Path jar, String heap, int count) throws Exception {
    Report report = new Report();
    String loadAtStart = MachineFacts.loadAverage();
    Report.say("Mailbox benchmark: %,d mails", count);
    long t = System.nanoTime();
    List<byte[]> mails = new MailboxGenerator(20_261_123L).generate(count);
    long bytes = mails.stream().mapToLong(m -> m.length).sum();
    report.detail(
        String.format(
            Locale.ROOT,
            "mailbox: %,d mails, %.1f MB, generated in %.1f s; %s",
            count,
            bytes / 1e6,
            (System.nanoTime() - t) / 1e9,
            MailboxGenerator.shapes()));

    Report.say("baseline: parsing alone");
    parseOnly(mails.subList(0, Math.min(2_000, count))); // warm-up
    double[] parse = parseOnly(mails);
    report.figure("Parse only (1 thread, in process), baseline", Report.rate(parse[0]), "—", null);
    report.detail(
        String.format(
            Locale.ROOT,
            "parse only: %.2f s wall, %,.0f mails per CPU-second",
            count / parse[0],
            parse[1]));

    Files.createDirectories(work);
    Path data = work.resolve("mailbox-data");
    WorkDir.delete(data);
    GreenMail greenMail =
        new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    greenMail.start();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      GreenMailUser user = greenMail.setUser(MailboxGenerator.MAILBOX, "support", PASSWORD);
      Path config = work.resolve("mailbox-hub.yaml");
      Files.writeString(config, hubConfig(greenMail.getImap().getPort()).encodePrettily());
      try (HubProcess hub =
              HubProcess.start(
                  jar,
                  work,
                  data,
                  heap,
                  List.of(),
                  work.resolve("mailbox-hub.log"),
                  Map.of(),
                  List.of("--config", config.toString()));
          HubClient client = new HubClient(vertx, hub.port(), 4)) {
        HubReadiness.awaitUp(client, hub, Duration.ofMinutes(2));
        long before = Await.result(client.readiness()).getLong("nextSeq");
        Report.say("delivering %,d mails to the watched IMAP mailbox", count);
        Session session = Session.getInstance(new java.util.Properties());
        long start = System.nanoTime();
        for (byte[] raw : mails) {
          user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
        }
        double delivered = (System.nanoTime() - start) / 1e9;
        Report.say("delivered in %.1f s; waiting for the hub", delivered);
        double durable = awaitRecords(client, before + count, Duration.ofMinutes(20), start);
        HubReadiness.awaitIndexed(client, Duration.ofMinutes(5));
        double searchable = (System.nanoTime() - start) / 1e9;
        report.figure(
            "IMAP mailbox -> hub, parsed and durable", Report.rate(count / durable), "—", null);
        report.figure(
            "IMAP mailbox -> hub, searchable", Report.rate(count / searchable), "—", null);
        report.detail(
            String.format(
                Locale.ROOT,
                "delivery into GreenMail took %.1f s of that; all durable after %.1f s,"
                    + " searchable after %.1f s; hub %s",
                delivered,
                durable,
                searchable,
                Await.result(client.readiness()).encode()));
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      greenMail.stop();
      WorkDir.delete(data);
    }
    report.detail(
        String.format(
            Locale.ROOT,
            "machine: %d cores, %s; hub -Xmx%s; JDK %s; load average (1/5/15 min) at start %s, at end %s",
            MachineFacts.cores(),
            MachineFacts.memory(),
            heap,
            MachineFacts.jdk(),
            loadAtStart,
            MachineFacts.loadAverage()));
    report.print(System.out, work.resolve("mailbox-report.md"));
  }

  /** Mails/s of parsing alone, wall and per CPU-second, on this thread. */
  private static double[] parseOnly(List<byte[]> mails) {
    MimeParser parser = new MimeParser();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long chars = 0;
    for (byte[] raw : mails) {
      ParsedMail mail = parser.parse(raw);
      chars += QuoteCollapser.collapse(mail.text(), mail.subject()).visibleText().length();
      if (mail.html() != null) {
        chars += HtmlSanitizer.sanitize(mail.html(), id -> null).html().length();
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    if (chars == 0) {
      throw new IllegalStateException("parsed no text at all");
    }
    return new double[] {mails.size() / wall, mails.size() / cpuSeconds};
  }

  /** The bundled configuration with one watched mailbox, as a file for {@code --config}. */
  private static JsonObject hubConfig(int imapPort) {
    JsonObject config = ConfigLoader.load(null, Map.of());
    config
        .getJsonObject("email")
        .put("ownAddresses", new JsonArray().add(MailboxGenerator.MAILBOX))
        .put(
            "mailboxes",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("host", "127.0.0.1")
                        .put("port", imapPort)
                        .put("tls", "none")
                        .put("username", "support")
                        .put("password", PASSWORD)
                        .put("folder", "INBOX")
                        .put("processed", "flag")
                        .put("idle", true)
                        .put("pollIntervalSeconds", 5)));
    return config;
  }

  /** Seconds from {@code start} until the hub's log holds {@code target} records. */
  private static double awaitRecords(HubClient client, long target, Duration timeout, long start)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject r = Await.result(client.readiness());
      if (r.getLong("nextSeq") >= target) {
        return (System.nanoTime() - start) / 1e9;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not every mail was ingested within " + timeout + ": " + r);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
