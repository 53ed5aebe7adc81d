package io.contacthub.connector.email.smtp;

import static io.contacthub.connector.email.smtp.Deliveries.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.email.EmailConfig;
import io.contacthub.connector.email.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMTP transport security and login: implicit TLS (SMTPS) with a password and with XOAUTH2 against
 * GreenMail, which checks the credentials; STARTTLS (required) against the scripted server, since
 * GreenMail's SMTP has no STARTTLS; and a server certificate the config does not trust is refused,
 * never silently accepted.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SmtpSecurityTest {

  private static final String SUPPORT = "support@hub.test";
  private static final String PASSWORD = "smtp-secret";
  private static final String TOKEN = "ya29.test-access-token";

  static {
    // Before GreenMail starts its TLS server: it reads its key store from system properties.
    TestCertificates.get();
  }

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(TestCertificates.slowStart(ServerSetupTest.SMTPS.dynamicPort()))
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser(SUPPORT, SUPPORT, PASSWORD)
                  .withUser("oauth@hub.test", "oauth@hub.test", TOKEN))
          .withPerMethodLifecycle(true);

  @Test
  void sendsOverImplicitTlsWithAPasswordTrustingTheServerThroughATrustStore(Vertx vertx)
      throws Exception {
    SmtpSender sender =
        sender(vertx, smtps().put("username", SUPPORT).put("password", PASSWORD), trusted());

    DeliveryReceipt receipt =
        sender.send(reply("customer@example.org", "Over SMTPS")).await(30, TimeUnit.SECONDS);

    assertThat(receipt.state()).isEqualTo(DeliveryReceipt.DeliveryState.SENT);
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage got = greenMail.getReceivedMessages()[0];
    assertThat(got.getSubject()).isEqualTo("Over SMTPS");
    sender.close().await();
  }

  @Test
  void aWrongPasswordIsRefusedByTheServer(Vertx vertx) throws Exception {
    SmtpSender sender =
        sender(vertx, smtps().put("username", SUPPORT).put("password", "wrong"), trusted());

    DeliveryException e = failure(sender.send(reply("customer@example.org", "Hi")));

    assertThat(e.getMessage()).containsIgnoringCase("auth");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    sender.close().await();
  }

  @Test
  void aServerCertificateTheConfigDoesNotTrustIsRefused(Vertx vertx) throws Exception {
    // GIVEN no trust store: the JDK's CAs, which did not sign the test server's certificate
    SmtpSender sender =
        sender(vertx, smtps().put("username", SUPPORT).put("password", PASSWORD), new JsonObject());

    DeliveryException e = failure(sender.send(reply("customer@example.org", "Hi")));

    assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance);
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    sender.close().await();
  }

  @Test
  void xoauth2LogsInWithTheAccessTokenWhichTheServerChecks(Vertx vertx) throws Exception {
    // GIVEN the token from the environment, as in production
    JsonObject oauth =
        smtps()
            .put("auth", "xoauth2")
            .put("username", "oauth@hub.test")
            .put("password", "${SMTP_OAUTH_TOKEN}");
    SmtpSender good = sender(vertx, oauth.copy(), trusted(), TOKEN);
    SmtpSender bad = sender(vertx, oauth.copy(), trusted(), "expired-token");

    // WHEN / THEN the right token sends, a wrong one is refused by the server
    assertThat(
            good.send(reply("customer@example.org", "Via XOAUTH2"))
                .await(30, TimeUnit.SECONDS)
                .state())
        .isEqualTo(DeliveryReceipt.DeliveryState.SENT);
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    failure(bad.send(reply("customer@example.org", "Hi")));
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    good.close().await();
    bad.close().await();
  }

  @Test
  void xoauth2SendsTheSaslStringGmailAndMicrosoftExpect(Vertx vertx) throws Exception {
    ScriptedSmtpServer smtp = new ScriptedSmtpServer(0, null);
    int port = smtp.start(vertx).await();
    JsonObject plain =
        new JsonObject()
            .put("host", "127.0.0.1")
            .put("port", port)
            .put("tls", "none")
            .put("auth", "xoauth2")
            .put("username", "oauth@hub.test")
            .put("password", TOKEN);
    SmtpSender sender = sender(vertx, plain, new JsonObject());

    sender.send(reply("customer@example.org", "Hi")).await(20, TimeUnit.SECONDS);

    String sasl = "user=oauth@hub.test\u0001auth=Bearer " + TOKEN + "\u0001\u0001";
    assertThat(smtp.commands())
        .contains(
            "AUTH XOAUTH2 "
                + Base64.getEncoder().encodeToString(sasl.getBytes(StandardCharsets.UTF_8)));
    sender.close().await();
    smtp.close().await();
  }

  @Test
  void requiredStartTlsUpgradesBeforeLoginAndData(Vertx vertx) throws Exception {
    ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(0, null)
            .withStartTls(TestCertificates.serverKeyStore(), TestCertificates.STORE_PASSWORD);
    SmtpSender sender = sender(vertx, startTls(smtp.start(vertx).await()), trusted());

    sender.send(reply("customer@example.org", "Hi")).await(20, TimeUnit.SECONDS);

    assertThat(smtp.deliveredOverTls()).isEqualTo(1);
    List<String> verbs = smtp.commands().stream().map(c -> c.split(" ")[0]).toList();
    assertThat(verbs.indexOf("STARTTLS"))
        .isGreaterThanOrEqualTo(0)
        .isLessThan(verbs.indexOf("AUTH"));
    sender.close().await();
    smtp.close().await();
  }

  @Test
  void requiredStartTlsRefusesAServerWithoutIt(Vertx vertx) throws Exception {
    // GIVEN a server that does not offer STARTTLS (or an attacker who stripped it)
    ScriptedSmtpServer smtp = new ScriptedSmtpServer(0, null);
    SmtpSender sender = sender(vertx, startTls(smtp.start(vertx).await()), trusted());

    failure(sender.send(reply("customer@example.org", "Hi")));

    assertThat(smtp.delivered()).isZero();
    assertThat(smtp.commands()).noneMatch(c -> c.startsWith("AUTH"));
    sender.close().await();
    smtp.close().await();
  }

  @Test
  void startTlsRefusesACertificateTheConfigDoesNotTrust(Vertx vertx) throws Exception {
    ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(0, null)
            .withStartTls(TestCertificates.serverKeyStore(), TestCertificates.STORE_PASSWORD);
    SmtpSender sender = sender(vertx, startTls(smtp.start(vertx).await()), new JsonObject());

    DeliveryException e = failure(sender.send(reply("customer@example.org", "Hi")));

    assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance);
    assertThat(smtp.delivered()).isZero();
    assertThat(smtp.commands()).noneMatch(c -> c.startsWith("AUTH"));
    sender.close().await();
    smtp.close().await();
  }

  private static JsonObject smtps() {
    return new JsonObject()
        .put("host", "127.0.0.1")
        .put("port", greenMail.getSmtps().getPort())
        .put("tls", "tls");
  }

  private static JsonObject startTls(int port) {
    return new JsonObject()
        .put("host", "127.0.0.1")
        .put("port", port)
        .put("tls", "starttls")
        .put("username", SUPPORT)
        .put("password", PASSWORD);
  }

  private static JsonObject trusted() {
    return new JsonObject()
        .put("trustStore", TestCertificates.trustStore().toString())
        .put("trustStorePassword", TestCertificates.STORE_PASSWORD);
  }

  private static SmtpSender sender(Vertx vertx, JsonObject smtp, JsonObject trust) {
    return sender(vertx, smtp, trust, null);
  }

  private static SmtpSender sender(Vertx vertx, JsonObject smtp, JsonObject trust, String token) {
    smtp.mergeIn(trust)
        .put("from", SUPPORT)
        .put("retry", new JsonObject().put("attempts", 1).put("initialDelayMs", 10));
    JsonObject config =
        new JsonObject().put("ownAddresses", new JsonArray().add(SUPPORT)).put("smtp", smtp);
    return new SmtpSender(
        vertx, EmailConfig.from(config, name -> "SMTP_OAUTH_TOKEN".equals(name) ? token : null));
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
      all.add(c);
    }
    return all;
  }

  private static OutboundMessage reply(String to, String subject) {
    return Deliveries.reply(to, subject, List.of(), null);
  }
}
