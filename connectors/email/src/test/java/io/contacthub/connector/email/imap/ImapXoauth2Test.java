package io.contacthub.connector.email.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.contacthub.connector.email.EmailConfig;
import io.contacthub.connector.email.EmailConnector;
import io.contacthub.connector.email.EmailConnectorTest;
import io.contacthub.connector.email.MailboxConfig;
import io.contacthub.connector.email.TestMailboxes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAP login with SASL XOAUTH2 (Gmail, Microsoft 365) against GreenMail, which decodes the XOAUTH2
 * string and checks the bearer token as the user's password: the right token reads the mailbox, a
 * wrong one is refused, and the string on the wire is exactly what the providers document.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ImapXoauth2Test extends EmailConnectorTest {

  private static final String SUPPORT = "support@hub.test";
  private static final String TOKEN = "ya29.imap-access-token";

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(
              new ServerSetup[] {
                ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()
              })
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(SUPPORT, SUPPORT, TOKEN))
          .withPerMethodLifecycle(true);

  @Test
  void theWatcherReadsTheMailboxLoggedInWithTheTokenFromTheEnvironment(Vertx vertx)
      throws Exception {
    JsonObject config = config("${IMAP_OAUTH_TOKEN}");
    startContext(vertx, config);
    connector = new EmailConnector(name -> "IMAP_OAUTH_TOKEN".equals(name) ? TOKEN : null);
    connector.start(ctx).await(10, TimeUnit.SECONDS);

    GreenMailUtil.sendTextEmail(
        SUPPORT, "jane@customer.test", "Via XOAUTH2", "Hi", greenMail.getSmtp().getServerSetup());

    awaitMailWithSubject("Via XOAUTH2");
  }

  @Test
  void theSaslStringIsUserAndBearerTokenAndTheServerChecksTheToken() throws Exception {
    MailboxConfig mailbox = mailbox(TOKEN);
    Session session = ImapSessions.session(mailbox);
    ByteArrayOutputStream trace = new ByteArrayOutputStream();
    session.getProperties().setProperty("mail.debug.auth", "true");
    session.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
    session.setDebug(true);

    Store store = session.getStore(ImapSessions.protocol(mailbox));
    store.connect(mailbox.host(), mailbox.port(), SUPPORT, mailbox.password());
    store.close();

    String sasl = "user=" + SUPPORT + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001";
    assertThat(trace.toString(StandardCharsets.UTF_8))
        .contains(
            "AUTHENTICATE XOAUTH2 "
                + Base64.getEncoder().encodeToString(sasl.getBytes(StandardCharsets.UTF_8)))
        .doesNotContain(" LOGIN " + SUPPORT);

    MailboxConfig expired = mailbox("expired-token");
    Store refused = ImapSessions.session(expired).getStore(ImapSessions.protocol(expired));
    assertThatThrownBy(
            () -> refused.connect(expired.host(), expired.port(), SUPPORT, expired.password()))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  private static MailboxConfig mailbox(String token) {
    return EmailConfig.from(config(token), name -> null).mailboxes().get(0);
  }

  private static JsonObject config(String password) {
    return TestMailboxes.config(
        SUPPORT,
        greenMail.getImap().getPort(),
        "none",
        password,
        new JsonObject().put("auth", "xoauth2").put("idle", true));
  }
}
