package io.contacthub.hub.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pre-chat email is confirmed by a code the hub emails (real SMTP server): until then the chat
 * stays apart from the customer who owns that address; a wrong code is refused with the tries left;
 * the right one makes the address the visitor's verified identity, so the chat joins that customer,
 * and the visitor token remembers it. Codes are rate-limited per visitor.
 */
@Timeout(120)
class WebchatEmailConfirmationTest extends ChatHubWithMailTest {

  static final String ADDRESS = "hanna@customer.example";

  private String customerOf(String conversation) {
    return hub.get("/api/v1/conversations/" + conversation, agent)
        .expect(200)
        .json()
        .getString("customerId");
  }

  private boolean timelineHas(String customer, String text) {
    JsonArray items =
        hub.get("/api/v1/customers/" + customer + "/timeline?limit=100", agent)
            .expect(200)
            .json()
            .getJsonArray("items");
    return items.stream().anyMatch(i -> text.equals(((JsonObject) i).getString("text")));
  }

  private static JsonObject errorFrame(ChatClient c, String code, int nth) {
    return c.waitFor(
        f ->
            "error".equals(f.getString("type"))
                && code.equals(f.getString("code"))
                && c.frames.stream()
                        .filter(x -> code.equals(x.getString("code")))
                        .toList()
                        .indexOf(f)
                    == nth - 1);
  }

  @Test
  void anEmailLinksTheChatToItsCustomerOnlyOnceConfirmedByCode() throws Exception {
    // GIVEN a customer known by that address (an email yesterday)
    String mail =
        "From: Hanna <"
            + ADDRESS
            + ">\r\nTo: support@shop.example\r\nSubject: Invoice\r\n"
            + "Message-ID: <y-1@customer.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nWhere is my invoice?\r\n";
    String emailCustomer =
        customerOf(
            hub.inboundMail(Buffer.buffer(mail)).expect(201).json().getString("conversationId"));

    // WHEN a visitor types that address (unverified) and writes: the chat stays apart
    ChatClient visitor = client();
    assertThat(
            visitor
                .hello(new JsonObject().put("email", ADDRESS).put("name", "Hanna"))
                .getBoolean("emailNeedsConfirmation"))
        .isTrue();
    visitor.message("a-1", "Before confirming");
    String chat =
        visitor.waitFor(f -> "ack".equals(f.getString("type"))).getString("conversationId");
    assertThat(customerOf(chat)).isNotEqualTo(emailCustomer);
    assertThat(timelineHas(emailCustomer, "Before confirming")).isFalse();

    // ... asks for a code: it arrives by email
    visitor.send(new JsonObject().put("type", "email_code").put("email", ADDRESS));
    assertThat(
            visitor.waitFor(f -> "email_code_sent".equals(f.getString("type"))).getString("email"))
        .isEqualTo(ADDRESS);
    await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
    MimeMessage sent = smtp.getReceivedMessages()[0];
    assertThat(sent.getAllRecipients()[0].toString()).isEqualTo(ADDRESS);
    Matcher m = Pattern.compile("\\b(\\d{6})\\b").matcher(sent.getSubject());
    assertThat(m.find()).as("a code in: %s", sent.getSubject()).isTrue();
    String code = m.group(1);

    // ... a wrong code is refused, saying how many tries are left
    String wrong = code.equals("000000") ? "111111" : "000000";
    visitor.send(new JsonObject().put("type", "email_confirm").put("code", wrong));
    assertThat(errorFrame(visitor, "code_wrong", 1).getString("detail")).contains("4 tries left");

    // ... the right one confirms the address for this visitor
    visitor.send(new JsonObject().put("type", "email_confirm").put("code", code));
    JsonObject confirmed = visitor.waitFor(f -> "email_confirmed".equals(f.getString("type")));
    assertThat(confirmed.getString("email")).isEqualTo(ADDRESS);

    // THEN the next message links the chat to the customer who owns the address
    visitor.message("a-2", "After confirming");
    visitor.waitFor(
        f -> "a-2".equals(f.getString("clientId")) && "ack".equals(f.getString("type")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                timelineHas(emailCustomer, "After confirming")
                    && timelineHas(emailCustomer, "Before confirming"));
    // ... the code is used up
    visitor.send(new JsonObject().put("type", "email_confirm").put("code", code));
    errorFrame(visitor, "code_expired", 1);
    visitor.close();

    // ... and the refreshed visitor token remembers the confirmed address
    ChatClient back = client();
    JsonObject welcome =
        back.hello(new JsonObject().put("visitorToken", confirmed.getString("visitorToken")));
    assertThat(welcome.getString("emailConfirmed")).isEqualTo(ADDRESS);
    back.close();
  }

  @Test
  void codesAreLimitedPerVisitorAndBadAddressesRefused() {
    ChatClient visitor = client();
    visitor.hello(new JsonObject());
    visitor.send(new JsonObject().put("type", "email_code").put("email", "not-an-address"));
    errorFrame(visitor, "bad_email", 1);
    visitor.send(new JsonObject().put("type", "email_confirm").put("code", "123456"));
    errorFrame(visitor, "code_expired", 1);
    for (int i = 1; i <= 3; i++) {
      visitor.send(
          new JsonObject().put("type", "email_code").put("email", "jo" + i + "@x.example"));
      int n = i;
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  visitor.frames.stream()
                          .filter(f -> "email_code_sent".equals(f.getString("type")))
                          .count()
                      == n);
    }
    visitor.send(new JsonObject().put("type", "email_code").put("email", "jo4@x.example"));
    assertThat(errorFrame(visitor, "rate_limited", 1).getString("detail")).contains("codes");
    await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 3);
    visitor.close();
  }
}
