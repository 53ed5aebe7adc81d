package io.contacthub.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email round trip through a started hub and a real SMTP server: a customer's mail comes in as
 * raw MIME, an agent replies through the API, the reply reaches the customer's mailbox as a reply
 * to their mail, and their answer to it joins the same conversation.
 */
@Timeout(60)
class EmailReplyThreadingTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  private HubFixture hub;

  @BeforeEach
  void start() {
    hub =
        HubFixture.start(
            data,
            Map.of(),
            OutboundMail.smtp(smtp.getSmtp().getPort(), "support@hub.example", "Example Support"));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private static Buffer mail(String messageId, String inReplyTo, String subject, String body) {
    StringBuilder m = new StringBuilder();
    m.append("From: Hanna Customer <hanna@customer.example>\r\n");
    m.append("To: support@hub.example\r\n");
    m.append("Subject: ").append(subject).append("\r\n");
    m.append("Message-ID: <").append(messageId).append(">\r\n");
    if (inReplyTo != null) {
      m.append("In-Reply-To: <").append(inReplyTo).append(">\r\n");
      m.append("References: <").append(inReplyTo).append(">\r\n");
    }
    m.append("Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n");
    m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
    m.append(body).append("\r\n");
    return Buffer.buffer(m.toString());
  }

  @Test
  void agentReplyThreadsInTheCustomersMailboxAndTheirAnswerComesBack() throws Exception {
    JsonObject first =
        hub.inboundMail(
                mail("first-1@customer.example", null, "Broken card reader", "It stopped working."))
            .expect(201)
            .json();
    String conversation = first.getString("conversationId");
    String agent = hub.userToken("ivan", "agent");

    JsonObject reply =
        hub.reply(conversation, agent, "Sorry to hear that. A new one is on its way.")
            .expect(202)
            .json();
    assertThat(reply.getString("direction")).isEqualTo("outbound");
    assertThat(reply.getString("conversationId")).isEqualTo(conversation);

    await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
    MimeMessage sent = smtp.getReceivedMessages()[0];
    assertThat(sent.getAllRecipients()[0].toString()).isEqualTo("hanna@customer.example");
    assertThat(sent.getSubject()).isEqualTo("Re: Broken card reader");
    assertThat(sent.getHeader("In-Reply-To")[0]).isEqualTo("<first-1@customer.example>");
    assertThat(sent.getHeader("References")[0]).contains("<first-1@customer.example>");
    String ourId = sent.getMessageID().replaceAll("[<>]", "");

    String interaction = reply.getString("interactionId");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        hub.get("/api/v1/interactions/" + interaction, agent)
                            .json()
                            .getJsonObject("extras")
                            .getJsonObject("delivery")
                            .getString("state"))
                    .isEqualTo("sent"));

    JsonObject answer =
        hub.inboundMail(
                mail("answer-2@customer.example", ourId, "Re: Broken card reader", "Thanks!"))
            .expect(201)
            .json();
    assertThat(answer.getString("conversationId")).isEqualTo(conversation);
    assertThat(answer.getString("customerId")).isEqualTo(first.getString("customerId"));
  }

  @Test
  void attachmentsDownloadForStaffOnlyAndHtmlNeverRendersInline() {
    String boundary = "b-123";
    String raw =
        "From: Kim <kim@customer.example>\r\nTo: support@hub.example\r\nSubject: Files\r\n"
            + "Message-ID: <files-1@customer.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\""
            + boundary
            + "\"\r\n\r\n--"
            + boundary
            + "\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--"
            + boundary
            + "\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcfs\r\n--"
            + boundary
            + "\r\nContent-Type: text/html; name=\"evil.html\"\r\n"
            + "Content-Disposition: attachment; filename=\"evil.html\"\r\n\r\n"
            + "<script>alert(1)</script>\r\n--"
            + boundary
            + "--\r\n";
    JsonObject ack = hub.inboundMail(Buffer.buffer(raw)).expect(201).json();
    String agent = hub.userToken("lena", "agent");
    JsonObject stored =
        hub.get("/api/v1/interactions/" + ack.getString("interactionId"), agent).expect(200).json();
    Map<String, String> ids = new java.util.HashMap<>();
    stored
        .getJsonArray("attachments")
        .forEach(
            o -> ids.put(((JsonObject) o).getString("filename"), ((JsonObject) o).getString("id")));
    assertThat(ids).containsKeys("invoice.pdf", "evil.html");

    HubFixture.Response pdf =
        hub.get("/api/v1/attachments/" + ids.get("invoice.pdf"), agent).expect(200);
    assertThat(pdf.body().getBytes())
        .startsWith("%PDF-1.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    HubFixture.Response html =
        hub.get("/api/v1/attachments/" + ids.get("evil.html"), agent).expect(200);
    assertThat(html.contentType()).isEqualTo("application/octet-stream");

    assertThat(hub.get("/api/v1/attachments/" + ids.get("invoice.pdf"), null).status())
        .isEqualTo(401);
    assertThat(hub.get("/api/v1/attachments/0195f1de-0000-7000-8000-000000000000", agent).status())
        .isEqualTo(404);
  }

  @Test
  void aBounceOfOurReplyJoinsTheConversationWithoutReopeningAndMarksTheAddressAndTheReply() {
    JsonObject first =
        hub.inboundMail(mail("bounce-case@customer.example", null, "Address change", "I moved."))
            .expect(201)
            .json();
    String conversation = first.getString("conversationId");
    String agent = hub.userToken("otto", "agent");
    String reply =
        hub.reply(conversation, agent, "Noted, thanks.")
            .expect(202)
            .json()
            .getString("interactionId");
    await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "sent".equals(deliveryOf(reply, agent).getString("state")));
    String ourId;
    try {
      ourId = smtp.getReceivedMessages()[0].getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
    hub.post(
            "/api/v1/conversations/" + conversation + "/status",
            agent,
            new JsonObject().put("status", "resolved"))
        .expect(200);

    String dsn =
        "From: MAILER-DAEMON@mx.customer.example\r\nTo: support@hub.example\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\n"
            + "Message-ID: <dsn-1@mx.customer.example>\r\nAuto-Submitted: auto-replied\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
            + "--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            + "--r\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.customer.example\r\n\r\n"
            + "Final-Recipient: rfc822; hanna@customer.example\r\nAction: failed\r\n"
            + "Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
            + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "Message-ID: "
            + ourId
            + "\r\nSubject: Re: Address change\r\n--r--\r\n";
    JsonObject bounce = hub.inboundMail(Buffer.buffer(dsn)).expect(201).json();

    assertThat(bounce.getString("conversationId")).isEqualTo(conversation);
    assertThat(hub.get("/api/v1/conversations/" + conversation, agent).json().getString("status"))
        .isEqualTo("resolved");
    JsonObject failures =
        hub.get("/api/v1/customers/" + first.getString("customerId"), agent)
            .json()
            .getJsonObject("attributes")
            .getJsonObject("emailDeliveryFailures");
    assertThat(failures.getJsonObject("hanna@customer.example").getString("status"))
        .isEqualTo("5.1.1");
    // The reply the bounce names is marked failed, for the agent who sent it.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonObject delivery = deliveryOf(reply, agent);
              assertThat(delivery.getString("state")).isEqualTo("failed");
              assertThat(delivery.getString("detail")).contains("5.1.1", "user unknown");
              assertThat(delivery.getBoolean("retryable")).isFalse();
            });
  }

  private JsonObject deliveryOf(String interactionId, String token) {
    return hub.get("/api/v1/interactions/" + interactionId, token)
        .expect(200)
        .json()
        .getJsonObject("extras")
        .getJsonObject("delivery", new JsonObject());
  }

  @Test
  void aReplyOnAChannelWithoutIdentityIsRefusedClearly() {
    JsonObject first =
        hub.inboundMail(mail("only-mail@customer.example", null, "Hello", "hi")).expect(201).json();
    String agent = hub.userToken("jane", "agent");
    HubFixture.Response r =
        hub.post(
            "/api/v1/conversations/" + first.getString("conversationId") + "/replies",
            agent,
            new JsonObject().put("text", "hello").put("channel", "telegram"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().getString("detail")).contains("telegram");
  }
}
