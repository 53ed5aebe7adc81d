package io.contacthub.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An out-of-office reply on a started hub, with offer rules that match its words: it joins the
 * conversation it answers and is recorded as automated, but the resolved conversation stays
 * resolved, no offer is made, and nothing answers it.
 */
@Timeout(60)
class EmailAutoReplyTest {

  private static final String RULES =
      """
      offers:
        - id: warranty-extension
          name: Extended warranty
          triggers: [interaction.created]
          text: warranty
          script: Two more years for 29 EUR.
        - id: welcome-back
          name: Sorry it is back
          triggers: [conversation.reopened]
          text: again OR still
          script: I am sorry it is back.
      """;

  @TempDir Path data;
  @TempDir Path configDir;
  private HubFixture hub;

  @BeforeEach
  void start() throws Exception {
    Path rules = configDir.resolve("offers.yaml");
    Files.writeString(rules, RULES);
    hub =
        HubFixture.start(
            data,
            Map.of(
                "HUB_OFFERS_RULES_FILE", rules.toString(), "HUB_OFFERS_WATCH_INTERVAL_MILLIS", "0"),
            new JsonObject()
                .put(
                    "email",
                    new JsonObject()
                        .put("ownAddresses", new JsonArray().add("support@hub.example"))));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void anOutOfOfficeReplyNeverReopensNeverTriggersOffersAndIsNeverAnswered() throws Exception {
    String agent = hub.userToken("olga", "agent");
    StreamFrames stream = StreamFrames.open(hub, agent);

    // GIVEN a customer's mail the warranty rule matches (the rule fires for email: the control)
    JsonObject first =
        inbound(
                "From: Hanna <hanna@customer.example>\r\n"
                    + "Message-ID: <first@customer.example>\r\n"
                    + "Subject: Warranty\r\n",
                "Does the warranty cover the hinge?")
            .expect(201)
            .json();
    String conversation = first.getString("conversationId");
    assertThat(stream.nextOffer().getString("offerId")).isEqualTo("warranty-extension");
    hub.post(
            "/api/v1/conversations/" + conversation + "/status",
            agent,
            new JsonObject().put("status", "resolved"))
        .expect(200);

    // WHEN her mail server answers automatically, with words both rules match
    JsonObject auto =
        inbound(
                "From: Hanna <hanna@customer.example>\r\n"
                    + "Message-ID: <ooo@customer.example>\r\n"
                    + "In-Reply-To: <first@customer.example>\r\n"
                    + "References: <first@customer.example>\r\n"
                    + "Auto-Submitted: auto-replied\r\n"
                    + "X-Autoreply: yes\r\n"
                    + "Subject: Automatic reply: Warranty\r\n",
                "I am out of office, still travelling; warranty questions again next week.")
            .expect(201)
            .json();

    // THEN it joins the conversation, recorded as automated
    assertThat(auto.getString("conversationId")).isEqualTo(conversation);
    JsonObject recorded =
        hub.get("/api/v1/interactions/" + auto.getString("interactionId"), agent)
            .expect(200)
            .json();
    assertThat(recorded.getBoolean("automated")).isTrue();
    // AND the conversation stays resolved
    assertThat(hub.get("/api/v1/conversations/" + conversation, agent).json().getString("status"))
        .isEqualTo("resolved");
    // AND no offer came before a later event (the stream keeps order)
    String marker =
        inbound(
                "From: Other <other@customer.example>\r\n"
                    + "Message-ID: <marker@customer.example>\r\n"
                    + "Subject: Unrelated\r\n",
                "Hello")
            .expect(201)
            .json()
            .getString("interactionId");
    assertThat(stream.offersBefore(marker))
        .noneMatch(o -> conversation.equals(o.getString("conversationId")));
    // AND nothing was sent in answer: the customer's timeline holds her two inbound mails only
    assertThat(
            hub.timeline(first.getString("customerId"), agent).stream()
                .map(i -> i.getString("direction")))
        .containsExactly("inbound", "inbound");
  }

  private HubFixture.Response inbound(String headers, String body) {
    String mail =
        headers
            + "To: support@hub.example\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + body
            + "\r\n";
    return hub.inboundMail(Buffer.buffer(mail));
  }
}
