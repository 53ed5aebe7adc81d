package io.contacthub.connector.email.smtp;

import static io.contacthub.connector.email.smtp.Deliveries.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.email.EmailConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Retries, permanent refusals and header injection, against a scripted SMTP server. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SmtpSenderTest {

  @Test
  void retriesTransientFailuresWithBackoffThenSends(Vertx vertx) throws Exception {
    // GIVEN a server that is busy twice
    ScriptedSmtpServer smtp = new ScriptedSmtpServer(2, "421 4.3.2 try again later");
    SmtpSender sender = sender(vertx, smtp.start(vertx).await(), 3);

    // WHEN
    DeliveryReceipt receipt =
        sender.send(reply("customer@example.org", "Hello")).await(20, TimeUnit.SECONDS);

    // THEN
    assertThat(receipt.state()).isEqualTo(DeliveryReceipt.DeliveryState.SENT);
    assertThat(receipt.externalId()).matches("[0-9a-f-]{36}@hub\\.test");
    assertThat(smtp.connections()).isEqualTo(3);
    assertThat(smtp.delivered()).isEqualTo(1);
    sender.close().await();
    smtp.close().await();
  }

  @Test
  void givesUpAfterTheConfiguredAttemptsAsRetryable(Vertx vertx) throws Exception {
    ScriptedSmtpServer smtp = new ScriptedSmtpServer(10, "421 4.3.2 try again later");
    SmtpSender sender = sender(vertx, smtp.start(vertx).await(), 3);

    DeliveryException e = failure(sender.send(reply("customer@example.org", "Hello")));

    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("after 3 attempt(s)");
    assertThat(smtp.connections()).isEqualTo(3);
    sender.close().await();
    smtp.close().await();
  }

  @Test
  void permanentRefusalIsNotRetried(Vertx vertx) throws Exception {
    ScriptedSmtpServer smtp = new ScriptedSmtpServer(10, "554 5.7.1 no service for you");
    SmtpSender sender = sender(vertx, smtp.start(vertx).await(), 3);

    DeliveryException e = failure(sender.send(reply("customer@example.org", "Hello")));

    assertThat(e.retryable()).isFalse();
    assertThat(smtp.connections()).isEqualTo(1);
    sender.close().await();
    smtp.close().await();
  }

  @Test
  void headerInjectionIsRefusedBeforeAnythingIsSent(Vertx vertx) throws Exception {
    ScriptedSmtpServer smtp = new ScriptedSmtpServer(0, null);
    SmtpSender sender = sender(vertx, smtp.start(vertx).await(), 3);

    List<OutboundMessage> attacks =
        List.of(
            reply("customer@example.org", "Hi\r\nBcc: victim@example.com"),
            reply("customer@example.org", "Hi\nBcc: victim@example.com"),
            reply("customer@example.org\r\nBcc: victim@example.com", "Hi"),
            reply("customer@example.org, victim@example.com", "Hi"),
            reply("Customer <customer@example.org>", "Hi"),
            reply("not an address", "Hi"),
            reply("support@hub.test", "Hi"),
            withAgent("Alice\r\nBcc: victim@example.com"));

    for (OutboundMessage attack : attacks) {
      assertThat(failure(sender.send(attack)).retryable()).as(attack.toString()).isFalse();
    }
    assertThat(smtp.connections()).isZero();
    sender.close().await();
    smtp.close().await();
  }

  private static SmtpSender sender(Vertx vertx, int port, int attempts) {
    JsonObject config =
        new JsonObject()
            .put("ownAddresses", new JsonArray().add("support@hub.test"))
            .put(
                "smtp",
                new JsonObject()
                    .put("host", "127.0.0.1")
                    .put("port", port)
                    .put("tls", "none")
                    .put("from", "support@hub.test")
                    .put(
                        "retry",
                        new JsonObject()
                            .put("attempts", attempts)
                            .put("initialDelayMs", 20)
                            .put("maxDelayMs", 100)));
    return new SmtpSender(vertx, EmailConfig.from(config, name -> null));
  }

  private static OutboundMessage reply(String to, String subject) {
    return Deliveries.reply(to, subject, List.of("email:original@example.org"), null);
  }

  private static OutboundMessage withAgent(String agentName) {
    return Deliveries.reply("customer@example.org", "Hi", List.of(), agentName);
  }
}
