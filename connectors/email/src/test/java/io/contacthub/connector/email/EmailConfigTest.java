package io.contacthub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailConfigTest {

  private static final Map<String, String> ENV =
      Map.of("IMAP_PASSWORD", "imap-secret", "SMTP_PASSWORD", "smtp-secret");

  @Test
  void readsMailboxesSmtpAndOwnAddressesWithDefaults() {
    JsonObject json =
        new JsonObject()
            .put("ownAddresses", new JsonArray().add("Sales@Example.com"))
            .put(
                "mailboxes",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("host", "imap.example.com")
                            .put("username", "support@example.com")
                            .put("password", "${IMAP_PASSWORD}")
                            .put("processed", "move:Done")))
            .put(
                "smtp",
                new JsonObject()
                    .put("host", "smtp.example.com")
                    .put("username", "support@example.com")
                    .put("password", "${SMTP_PASSWORD}")
                    .put("from", "reply@example.com"));

    EmailConfig config = EmailConfig.from(json, ENV::get);

    MailboxConfig box = config.mailboxes().get(0);
    assertThat(box.tls()).isEqualTo(Tls.TLS);
    assertThat(box.port()).isEqualTo(993);
    assertThat(box.password()).isEqualTo("imap-secret");
    assertThat(box.folder()).isEqualTo("INBOX");
    assertThat(box.moveTo()).isEqualTo("Done");
    assertThat(box.idle()).isTrue();
    assertThat(box.pollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.smtp().tls()).isEqualTo(Tls.STARTTLS);
    assertThat(config.smtp().port()).isEqualTo(587);
    assertThat(config.smtp().password()).isEqualTo("smtp-secret");
    assertThat(config.smtp().messageIdDomain()).isEqualTo("example.com");
    assertThat(config.smtp().retry().attempts()).isEqualTo(RetryPolicy.DEFAULT_ATTEMPTS);
    assertThat(config.ownAddresses())
        .containsExactlyInAnyOrder("sales@example.com", "support@example.com", "reply@example.com");
    assertThat(config.isOwnAddress(" REPLY@example.com ")).isTrue();
    assertThat(config.maxMessageBytes()).isEqualTo(EmailConfig.DEFAULT_MAX_MESSAGE_BYTES);
    assertThat(box.auth()).isEqualTo(MailAuth.PASSWORD);
    assertThat(config.smtp().auth()).isEqualTo(MailAuth.PASSWORD);
    assertThat(config.smtp().trust()).isEqualTo(TlsTrust.JDK_DEFAULT);
  }

  @Test
  void xoauth2NeedsAUserAndATokenAndUnknownMechanismsAreRefused() {
    JsonObject smtp =
        new JsonObject()
            .put("host", "smtp.example.com")
            .put("from", "reply@example.com")
            .put("auth", "xoauth2")
            .put("username", "reply@example.com")
            .put("password", "${SMTP_PASSWORD}");
    assertThat(EmailConfig.from(new JsonObject().put("smtp", smtp), ENV::get).smtp().auth())
        .isEqualTo(MailAuth.XOAUTH2);

    JsonObject noToken = smtp.copy();
    noToken.remove("password");
    assertThatThrownBy(() -> EmailConfig.from(new JsonObject().put("smtp", noToken), ENV::get))
        .hasMessageContaining("email.smtp: auth xoauth2 needs username and password");
    JsonObject bogus = smtp.copy().put("auth", "cram-md5");
    assertThatThrownBy(() -> EmailConfig.from(new JsonObject().put("smtp", bogus), ENV::get))
        .hasMessageContaining("email.smtp.auth must be password or xoauth2, not cram-md5");
  }

  @Test
  void failsFastOnAnUnsetSecretOrABadValue() {
    JsonObject box =
        new JsonObject()
            .put("host", "imap.example.com")
            .put("username", "u")
            .put("password", "${MISSING}");
    assertThatThrownBy(
            () ->
                EmailConfig.from(
                    new JsonObject().put("mailboxes", new JsonArray().add(box)), ENV::get))
        .hasMessageContaining("email.mailboxes[0].password")
        .hasMessageContaining("MISSING");

    JsonObject move = box.copy().put("password", "p").put("processed", "delete");
    assertThatThrownBy(
            () ->
                EmailConfig.from(
                    new JsonObject().put("mailboxes", new JsonArray().add(move)), ENV::get))
        .hasMessageContaining("processed must be flag or move:<folder>");

    JsonObject smtp = new JsonObject().put("host", "h").put("from", "Support <s@x>");
    assertThatThrownBy(() -> EmailConfig.from(new JsonObject().put("smtp", smtp), ENV::get))
        .hasMessageContaining("email.smtp.from must be a bare address");
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350));

    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMillis(350));
  }
}
