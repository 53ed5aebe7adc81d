package io.contacthub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.contacthub.connector.Channel;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.IngestRejectedException;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.contacthub.connector.testkit.FakeConnectorContext.Ingested;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole channel against a real SMTP and IMAP server (GreenMail, in the JVM). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class EmailRoundTripTest extends EmailConnectorTest {

  private static final String SUPPORT = "support@hub.test";
  private static final String CUSTOMER = "jane@customer.test";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(SUPPORT, SUPPORT, "secret"))
          .withPerMethodLifecycle(true);

  @Test
  void ingestsOnceAcrossRestartsAndRepliesThreadBack(Vertx vertx) throws Exception {
    // GIVEN the connector watching the support mailbox with IDLE (poll interval far away)
    JsonObject config = config(new JsonObject().put("processed", "flag").put("idle", true));
    startContext(vertx, config);
    connector = started(ctx);

    // WHEN a customer mails support
    String first = sendFromCustomer("Where is my parcel?", "I ordered a week ago.", null, null);

    // THEN it is ingested and flagged \Seen
    Ingested ingested = awaitIngested(first);
    assertThat(ingested.interaction().identities())
        .containsExactly(new Identity(IdentityType.EMAIL, CUSTOMER, false, "Jane Customer"));
    assertThat(ingested.interaction().subject()).isEqualTo("Where is my parcel?");
    assertThat(ingested.interaction().extras().getString("source"))
        .isEqualTo("imap:" + SUPPORT + "@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX");
    await().atMost(WAIT).until(() -> seenFlags("INBOX") == 1);

    // WHEN the hub restarts and another mail arrives
    connector.stop().await(20, TimeUnit.SECONDS);
    connector = started(ctx);
    String second = sendFromCustomer("Another question", "Do you ship to Norway?", null, null);

    // THEN only the new mail is read: the first one is not ingested again
    awaitIngested(second);
    assertThat(ctx.callsFor(first)).isEqualTo(1);

    // WHEN an agent replies in the first conversation
    String conversation = ingested.accepted().conversationId();
    DeliveryReceipt receipt =
        connector
            .send(
                new OutboundMessage(
                    "int-reply",
                    conversation,
                    Channel.EMAIL,
                    new Identity(IdentityType.EMAIL, CUSTOMER, false, "Jane Customer"),
                    "Where is my parcel?",
                    "It ships today.",
                    null,
                    ctx.threadKeys(conversation),
                    "Alice",
                    null))
            .await(30, TimeUnit.SECONDS);
    ctx.recordDelivery(conversation, "email:", receipt);

    // THEN it lands in the customer's mailbox as a reply to their mail
    assertThat(receipt.state()).isEqualTo(DeliveryReceipt.DeliveryState.SENT);
    MimeMessage reply = await().atMost(WAIT).until(() -> received(CUSTOMER), m -> m != null);
    assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<" + first + ">");
    assertThat(reply.getHeader("References", null)).isEqualTo("<" + first + ">");
    assertThat(reply.getMessageID()).isEqualTo("<" + receipt.externalId() + ">");
    assertThat(reply.getSubject()).isEqualTo("Re: Where is my parcel?");
    assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(SUPPORT);
    assertThat(((InternetAddress) reply.getFrom()[0]).getPersonal())
        .isEqualTo("Alice (Example Support)");
    assertThat(reply.getContent().toString()).contains("It ships today.");

    // WHEN the customer answers the reply
    String answer =
        sendFromCustomer(
            "Re: Where is my parcel?",
            "Great, thanks!",
            "<" + receipt.externalId() + ">",
            "<" + first + "> <" + receipt.externalId() + ">");

    // THEN the answer threads back into the same conversation
    assertThat(awaitIngested(answer).accepted().conversationId()).isEqualTo(conversation);
  }

  @Test
  void pollsWithoutIdleAndMovesProcessedMail(Vertx vertx) throws Exception {
    // GIVEN polling every second, processed mail moved away
    JsonObject config =
        config(
            new JsonObject()
                .put("processed", "move:Processed")
                .put("idle", false)
                .put("pollIntervalSeconds", 1));
    startContext(vertx, config);
    connector = started(ctx);

    // WHEN
    String id = sendFromCustomer("Polling", "Is anyone there?", null, null);

    // THEN
    awaitIngested(id);
    await().atMost(WAIT).until(() -> messageCount("Processed") == 1 && messageCount("INBOX") == 0);
  }

  @Test
  void keepsUnacknowledgedMailUntilTheHubTakesIt(Vertx vertx) throws Exception {
    // GIVEN a hub that cannot store anything yet
    JsonObject config = config(new JsonObject().put("idle", false).put("pollIntervalSeconds", 1));
    startContext(vertx, config);
    ctx.failIngest(new IllegalStateException("log unavailable"));
    connector = started(ctx);
    String id = sendFromCustomer("Urgent", "Please call me.", null, null);
    await().atMost(WAIT).until(() -> ctx.callsFor(id) == 0 && attempted(id));

    // WHEN the hub recovers
    ctx.failIngest(null);

    // THEN the mail is ingested, and only then flagged
    awaitIngested(id);
    await().atMost(WAIT).until(() -> seenFlags("INBOX") == 1);
  }

  @Test
  void mailTheHubRefusesForGoodIsQuarantinedAndTheMailboxMovesOn(Vertx vertx) throws Exception {
    // GIVEN a hub that refuses one subject for good (a 4xx), and mail behind it
    JsonObject config =
        config(new JsonObject().put("idle", true).put("rejected", "move:Quarantine"));
    startContext(vertx, config);
    ctx.failIngestWhen(
        i ->
            "Poison".equals(i.subject())
                ? new IngestRejectedException(400, "identities: not a valid address")
                : null);
    connector = started(ctx);

    // WHEN the refused mail arrives first, then a good one
    String poison = sendFromCustomer("Poison", "The hub will not take this.", null, null);
    String good = sendFromCustomer("Fine", "This one is fine.", null, null);

    // THEN the good one is ingested, the refused one is moved aside, recorded, and not retried
    awaitIngested(good);
    await().atMost(WAIT).until(() -> messageCount("Quarantine") == 1);
    assertThat(messageCount("INBOX")).isEqualTo(1);
    Path record = dataDir.resolve("imap").resolve("quarantine.jsonl");
    JsonObject line = new JsonObject(Files.readAllLines(record).getFirst());
    assertThat(line.getString("messageId")).isEqualTo("<" + poison + ">");
    assertThat(line.getInteger("status")).isEqualTo(400);
    assertThat(line.getString("reason")).contains("not a valid address");
    assertThat(ctx.callsFor(poison)).isZero();
    assertThat(Files.readAllLines(record)).hasSize(1);
  }

  @Test
  void refusedMailIsFlaggedWhereItIsByDefault(Vertx vertx) throws Exception {
    // GIVEN a hub that refuses every mail for good, and no quarantine folder configured
    startContext(vertx, config(new JsonObject().put("idle", true)));
    ctx.failIngestWhen(i -> new IngestRejectedException(422, "refused"));
    connector = started(ctx);

    // WHEN
    sendFromCustomer("Refused", "No.", null, null);

    // THEN it stays in the INBOX, flagged for a person and marked as refused, not \Seen
    await()
        .atMost(WAIT)
        .until(
            () ->
                withFolder(
                        "INBOX",
                        f ->
                            f.getMessages().length == 1
                                    && f.getMessages()[0].isSet(Flags.Flag.FLAGGED)
                                    && f.getMessages()[0]
                                        .getFlags()
                                        .contains(MailboxConfig.REJECTED_KEYWORD)
                                ? 1
                                : 0)
                    == 1);
    assertThat(seenFlags("INBOX")).isZero();
  }

  private boolean attempted(String id) throws Exception {
    // The connector has read the mail (and failed to hand it over) but not flagged it.
    return messageCount("INBOX") == 1 && seenFlags("INBOX") == 0;
  }

  private JsonObject config(JsonObject mailbox) {
    return TestMailboxes.config(SUPPORT, greenMail.getImap().getPort(), "none", "secret", mailbox)
        .put(
            "smtp",
            new JsonObject()
                .put("host", "127.0.0.1")
                .put("port", greenMail.getSmtp().getPort())
                .put("tls", "none")
                .put("from", SUPPORT)
                .put("fromName", "Example Support"));
  }

  private static EmailConnector started(FakeConnectorContext ctx) throws Exception {
    EmailConnector c = new EmailConnector(name -> null);
    c.start(ctx).await(10, TimeUnit.SECONDS);
    return c;
  }

  private Ingested awaitIngested(String messageId) {
    return await().atMost(WAIT).until(() -> ctx.call(messageId).orElse(null), c -> c != null);
  }

  /** Sends as the customer's mail client would, through SMTP; returns the Message-ID. */
  private static String sendFromCustomer(
      String subject, String text, String inReplyTo, String references) throws Exception {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
    MimeMessage msg = new MimeMessage(Session.getInstance(props));
    msg.setFrom(new InternetAddress(CUSTOMER, "Jane Customer"));
    msg.setRecipients(Message.RecipientType.TO, SUPPORT);
    msg.setSubject(subject, "UTF-8");
    msg.setText(text, "UTF-8");
    if (inReplyTo != null) {
      msg.setHeader("In-Reply-To", inReplyTo);
      msg.setHeader("References", references);
    }
    msg.saveChanges();
    Transport.send(msg);
    String id = msg.getMessageID();
    return id.substring(1, id.length() - 1);
  }

  private static MimeMessage received(String address) throws Exception {
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      for (var to : m.getAllRecipients()) {
        if (((InternetAddress) to).getAddress().equals(address)) {
          return m;
        }
      }
    }
    return null;
  }

  private static int seenFlags(String folder) throws Exception {
    return withFolder(
        folder,
        f -> {
          int seen = 0;
          for (Message m : f.getMessages()) {
            seen += m.isSet(Flags.Flag.SEEN) ? 1 : 0;
          }
          return seen;
        });
  }

  private static int messageCount(String folder) throws Exception {
    return withFolder(folder, Folder::getMessageCount);
  }

  private interface FolderQuery {
    int apply(Folder f) throws Exception;
  }

  private static int withFolder(String name, FolderQuery query) throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", greenMail.getImap().getPort(), SUPPORT, "secret");
    try {
      Folder f = store.getFolder(name);
      if (!f.exists()) {
        return 0;
      }
      f.open(Folder.READ_ONLY);
      try {
        return query.apply(f);
      } finally {
        f.close(false);
      }
    } finally {
      store.close();
    }
  }
}
