package io.contacthub.connector.email.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.contacthub.connector.email.EmailConfig;
import io.contacthub.connector.email.EmailConnector;
import io.contacthub.connector.email.EmailConnectorTest;
import io.contacthub.connector.email.MailboxConfig;
import io.contacthub.connector.email.TestCertificates;
import io.contacthub.connector.email.TestMailboxes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAP over TLS against GreenMail's IMAPS server, with a certificate made for this test (by the
 * JDK's keytool, for 127.0.0.1) and trusted through a trust store, so the host name is checked as
 * in production.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class ImapTlsTest extends EmailConnectorTest {

  private static final String SUPPORT = "support@hub.test";
  private static final String STORE_PASSWORD = TestCertificates.STORE_PASSWORD;
  private static final Path CERTS = TestCertificates.get();

  // After CERTS: GreenMail reads its server key store from these properties when TLS first starts.
  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(
              TestCertificates.slowStart(
                  ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort()))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(SUPPORT, SUPPORT, "secret"))
          .withPerMethodLifecycle(true);

  @Test
  void readsTheMailboxOverTlsTrustingTheServerThroughATrustStore(Vertx vertx) throws Exception {
    // GIVEN the connector trusting the server's certificate through a trust store
    start(
        vertx,
        new JsonObject()
            .put("trustStore", CERTS.resolve("trust.p12").toString())
            .put("trustStorePassword", STORE_PASSWORD));

    // WHEN a customer mails support
    GreenMailUtil.sendTextEmail(
        SUPPORT, "jane@customer.test", "Over TLS", "Hello", greenMail.getSmtp().getServerSetup());

    // THEN it is read over IMAPS and ingested
    awaitMailWithSubject("Over TLS");
  }

  @Test
  void aServerCertificateTheConfigDoesNotTrustIsRefused() throws Exception {
    // GIVEN no trust store: the JDK's CAs, which did not sign the test server's certificate
    MailboxConfig mailbox =
        EmailConfig.from(
                TestMailboxes.config(
                    SUPPORT, greenMail.getImaps().getPort(), "tls", "secret", new JsonObject()),
                name -> null)
            .mailboxes()
            .get(0);
    Store store = ImapSessions.session(mailbox).getStore(ImapSessions.protocol(mailbox));

    // WHEN the watcher's session connects, THEN the handshake fails: never a silent accept
    assertThatThrownBy(
            () -> store.connect(mailbox.host(), mailbox.port(), SUPPORT, mailbox.password()))
        .isInstanceOf(MessagingException.class)
        .hasRootCauseInstanceOf(CertPathBuilderException.class);
    assertThat(store.isConnected()).isFalse();
  }

  @Test
  void aTrustStoreThatCannotBeReadFailsTheStart(Vertx vertx) throws Exception {
    // WHEN the password is wrong
    var started =
        tryStart(
            vertx,
            new JsonObject()
                .put("trustStore", CERTS.resolve("trust.p12").toString())
                .put("trustStorePassword", "wrong"));

    // THEN
    assertThat(started.toCompletionStage().toCompletableFuture())
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(IllegalArgumentException.class)
        .withMessageContaining("trustStore");
  }

  @Test
  void trustAllIsAnExplicitChoiceAndExcludesATrustStore(Vertx vertx) throws Exception {
    // GIVEN trustAll (tests only) — it reads the mailbox without any trust store
    start(vertx, new JsonObject().put("trustAll", true));
    GreenMailUtil.sendTextEmail(
        SUPPORT, "jane@customer.test", "Trust all", "Hi", greenMail.getSmtp().getServerSetup());
    awaitMailWithSubject("Trust all");
    connector.stop().await(20, TimeUnit.SECONDS);
    ctx.close().await(10, TimeUnit.SECONDS);

    // WHEN it is combined with a trust store, THEN the start fails
    var both =
        tryStart(
            vertx,
            new JsonObject()
                .put("trustAll", true)
                .put("trustStore", CERTS.resolve("trust.p12").toString()));
    assertThat(both.toCompletionStage().toCompletableFuture())
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .withMessageContaining("exclude each other");
  }

  private void start(Vertx vertx, JsonObject mailbox) throws Exception {
    tryStart(vertx, mailbox).await(10, TimeUnit.SECONDS);
  }

  private io.vertx.core.Future<Void> tryStart(Vertx vertx, JsonObject mailbox) throws Exception {
    JsonObject config =
        TestMailboxes.config(
            SUPPORT, greenMail.getImaps().getPort(), "tls", "secret", mailbox.put("idle", true));
    startContext(vertx, config);
    connector = new EmailConnector(name -> null);
    return connector.start(ctx);
  }
}
