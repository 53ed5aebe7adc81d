package io.contacthub.hub.bench;

import io.contacthub.connector.email.html.HtmlSanitizer;
import io.contacthub.connector.email.mime.MimeParser;
import io.contacthub.connector.email.mime.ParsedMail;
import io.contacthub.connector.email.mime.QuoteCollapser;
import io.contacthub.hub.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * (GreenMail in process, or a private Dovecot) that the packaged hub, in its own JVM, watches with
 * IDLE: the figure is mails/s from the first delivery until every mail is durable in the hub, and
 * until it is searchable.
 *
 * <pre>
 * [BENCH_IMAP_SERVER=dovecot] mvn -B -q -Pbench -pl hub -am integration-test -DskipTests \
 *   -Dbench.main=io.contacthub.hub.bench.MailboxBench [-Dbench.scale=0.1]
 * </pre>
 */
public final class MailboxBench {

  private static final int FULL_MAILS = 10_000;

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchArgs.parse(args);
    int mails =
        (int)
            Math.max(
                100, Math.round(FULL_MAILS * Double.parseDouble(a.getOrDefault("scale", "1"))));
    Path work = Path.of(a.getOrDefault("work", "target/bench"));
    Path jar = Path.of(a.getOrDefault("hub-jar", "target/contact-hub.jar"));
    String heap = a.getOrDefault("hub-heap", "2g");
    String imapServer =
        a.getOrDefault(
            "imap-server", System.getenv().getOrDefault("BENCH_IMAP_SERVER", "greenmail"));
    run(work, jar, heap, mails, imapServer);
  }

  private static void run(Path work, Path jar, String heap, int count, String imapServer)
      throws Exception {
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
    MailServer server = MailServer.start(imapServer, work);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      // The mailbox is full before the hub starts, as when a mailbox is first connected: the
      // figure is the watcher's and the hub's work, not the delivery's.
      Report.say("delivering %,d mails into the %s mailbox", count, imapServer);
      long t0 = System.nanoTime();
      server.deliver(mails);
      double delivered = (System.nanoTime() - t0) / 1e9;
      Path config = work.resolve("mailbox-hub.yaml");
      Files.writeString(config, hubConfig(server.port()).encodePrettily());
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
        // The watcher may have begun while the hub started: count from what is done by now.
        long start = System.nanoTime();
        long done = Await.result(client.readiness()).getLong("nextSeq");
        int remaining = (int) (count - done);
        Report.say("hub up with %,d of %,d mails in; waiting for the rest", done, count);
        double hubCpu = CpuTime.seconds(hub.pid());
        double benchCpu = CpuTime.self();
        double durable = awaitRecords(client, count, Duration.ofMinutes(60), start);
        double hubCpuPerMail = (CpuTime.seconds(hub.pid()) - hubCpu) / remaining;
        double benchCpuPerMail = (CpuTime.self() - benchCpu) / remaining;
        HubReadiness.awaitIndexed(client, Duration.ofMinutes(5));
        double searchable = (System.nanoTime() - start) / 1e9;
        report.figure(
            "IMAP (" + imapServer + ") -> hub, parsed and durable",
            Report.rate(remaining / durable),
            "—",
            null);
        report.figure(
            "IMAP (" + imapServer + ") -> hub, searchable",
            Report.rate(remaining / searchable),
            "—",
            null);
        report.detail(
            String.format(
                Locale.ROOT,
                "delivery into %s (before the hub started) took %.1f s; measured over the"
                    + " %,d mails not yet in when the hub answered: durable after %.1f s,"
                    + " searchable after %.1f s; CPU per mail until durable: hub %.2f ms,"
                    + " bench JVM%s %.2f ms; hub %s",
                imapServer,
                delivered,
                remaining,
                durable,
                searchable,
                hubCpuPerMail * 1e3,
                server.inProcess() ? " (the GreenMail server)" : "",
                benchCpuPerMail * 1e3,
                Await.result(client.readiness()).encode()));
      }
      // The same mailbox read by a bare IMAP client: what the server costs without the hub.
      Report.say("IMAP baseline: a plain client reads the same %,d mails", count);
      double cpu = CpuTime.self();
      PlainImapReader.Result plain =
          PlainImapReader.read(server.port(), MailServer.USER, MailServer.PASSWORD);
      report.figure(
          "IMAP (" + imapServer + ") read by a plain client, baseline",
          Report.rate(plain.perSecond()),
          "—",
          null);
      report.detail(
          String.format(
              Locale.ROOT,
              "plain IMAP client: %,d mails in %.1f s, slowest 50-mail FETCH+STORE %.0f ms,"
                  + " bench JVM CPU %.2f ms per mail",
              plain.mails(),
              plain.seconds(),
              plain.slowestBatchMs(),
              (CpuTime.self() - cpu) / count * 1e3));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      server.close();
      WorkDir.delete(data);
    }
    report.detail(MachineFacts.summary("hub -Xmx" + heap));
    report.detail(MachineFacts.loadSince(loadAtStart));
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
                        .put("username", MailServer.USER)
                        .put("password", MailServer.PASSWORD)
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
}
