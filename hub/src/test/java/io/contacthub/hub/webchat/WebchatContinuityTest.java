package io.contacthub.hub.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Continuity across channels through a started hub, a real SMTP server and real chat sockets: an
 * identified customer's chat joins the conversation they started by email; a visitor who left gets
 * the agent's answer by email with a "continue in chat" link; answering that email continues the
 * same conversation, and the link reopens it in the chat.
 */
@Timeout(120)
class WebchatContinuityTest extends ChatHubWithMailTest {

  private static Buffer mail(String messageId, String inReplyTo, String date, String body) {
    StringBuilder m = new StringBuilder();
    m.append("From: Hanna Customer <hanna@customer.example>\r\nTo: support@shop.example\r\n");
    m.append("Subject: Invoice copy\r\nMessage-ID: <").append(messageId).append(">\r\n");
    if (inReplyTo != null) {
      m.append("In-Reply-To: <").append(inReplyTo).append(">\r\n");
    }
    m.append("Date: ").append(date).append("\r\n");
    m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
    return Buffer.buffer(m.append(body).append("\r\n").toString());
  }

  private static String rfc1123(ZonedDateTime t) {
    return t.format(DateTimeFormatter.RFC_1123_DATE_TIME);
  }

  @Test
  void anIdentifiedCustomerWhoEmailedYesterdayContinuesInTheChat() {
    JsonObject email =
        hub.inboundMail(
                mail(
                    "yesterday-1@customer.example",
                    null,
                    rfc1123(ZonedDateTime.now().minusDays(1)),
                    "Could you send me a copy of invoice 2291?"))
            .expect(201)
            .json();
    String conversation = email.getString("conversationId");

    ChatClient c = client();
    JsonObject welcome =
        c.hello(
            new JsonObject()
                .put("identifier", "hanna@customer.example")
                .put(
                    "identifierHash",
                    ChatTokens.identifierHash(ChatHub.SITE_SECRET, "hanna@customer.example")));
    assertThat(welcome.getBoolean("identified")).isTrue();
    c.message("a-1", "Hi, about the invoice I emailed about yesterday");
    JsonObject ack = c.waitFor(f -> "ack".equals(f.getString("type")));

    // The chat joined the email conversation; the agent sees both, the visitor only the chat.
    assertThat(ack.getString("conversationId")).isEqualTo(conversation);
    c.waitFor(f -> "Hi, about the invoice I emailed about yesterday".equals(f.getString("text")));
    assertThat(ChatHub.texts(hub, agent, conversation))
        .containsExactly(
            "Could you send me a copy of invoice 2291?",
            "Hi, about the invoice I emailed about yesterday");
    assertThat(c.count("Could you send me a copy of invoice 2291?")).isZero();
    c.close();
  }

  @Test
  void aVisitorWhoLeftGetsTheAnswerByEmailAndContinuesByEmailOrChat() throws Exception {
    // GIVEN a visitor who gave an email, asked, and left
    ChatClient visitor = client();
    visitor.hello(new JsonObject().put("email", "jo@visitor.example").put("name", "Jo"));
    visitor.message("q-1", "Can I get a refund for order 88?");
    String conversation =
        visitor.waitFor(f -> "ack".equals(f.getString("type"))).getString("conversationId");
    visitor.close();
    await().atMost(Duration.ofSeconds(10)).until(visitor::closed);

    // WHEN the agent answers in the chat
    String reply =
        hub.reply(conversation, agent, "Yes, the refund is on its way.")
            .expect(202)
            .json()
            .getString("interactionId");

    // THEN the answer goes out by email, with a link back into the chat
    await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
    MimeMessage sent = smtp.getReceivedMessages()[0];
    assertThat(sent.getAllRecipients()[0].toString()).isEqualTo("jo@visitor.example");
    String body = GreenMailUtil.getBody(sent).replace("=\r\n", "").replace("=3D", "=");
    assertThat(body).contains("Yes, the refund is on its way.");
    Matcher link =
        Pattern.compile(Pattern.quote(CHAT_PAGE) + "#contacthub-continue=([A-Za-z0-9_.-]+)")
            .matcher(body);
    assertThat(link.find()).as("a continue link in: %s", body).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonObject delivery =
                  hub.get("/api/v1/interactions/" + reply, agent)
                      .json()
                      .getJsonObject("extras")
                      .getJsonObject("delivery");
              assertThat(delivery.getString("state")).isEqualTo("sent");
              assertThat(delivery.getString("via")).isEqualTo("email");
            });

    // ... answering that email continues the same conversation
    String ourId = sent.getMessageID().replaceAll("[<>]", "");
    JsonObject answer =
        hub.inboundMail(
                mail(
                    "answer-1@customer.example",
                    ourId,
                    rfc1123(ZonedDateTime.now()),
                    "Thanks! When will it arrive?"))
            .expect(201)
            .json();
    assertThat(answer.getString("conversationId")).isEqualTo(conversation);

    // ... and the link opens the chat on that conversation, in any browser
    ChatClient back = client();
    JsonObject welcome = back.hello(new JsonObject().put("continueToken", link.group(1)));
    assertThat(welcome.getString("type")).isEqualTo("welcome");
    assertThat(welcome.getString("conversationId")).isEqualTo(conversation);
    back.waitFor(f -> "Yes, the refund is on its way.".equals(f.getString("text")));
    assertThat(back.count("Can I get a refund for order 88?")).isEqualTo(1);
    back.message("q-2", "Back in the chat");
    assertThat(back.waitFor(f -> "ack".equals(f.getString("type"))).getString("conversationId"))
        .isEqualTo(conversation);
    back.close();
  }
}
