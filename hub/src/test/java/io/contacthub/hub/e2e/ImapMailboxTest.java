package io.contacthub.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A watched IMAP mailbox feeds a started hub: the mail is searchable, and only once. */
@Timeout(90)
class ImapMailboxTest {

  @RegisterExtension
  static GreenMailExtension mail =
      new GreenMailExtension(
              new com.icegreen.greenmail.util.ServerSetup[] {
                ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()
              })
          .withConfiguration(
              com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                  .withUser("support@hub.example", "support", "mailbox-password"));

  @TempDir Path data;

  private JsonObject mailbox() {
    return new JsonObject()
        .put(
            "email",
            new JsonObject()
                .put(
                    "mailboxes",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("host", "127.0.0.1")
                                .put("port", mail.getImap().getPort())
                                .put("tls", "none")
                                .put("username", "support")
                                .put("password", "mailbox-password")
                                .put("folder", "INBOX")
                                .put("processed", "flag")
                                .put("idle", true)
                                .put("pollIntervalSeconds", 1))));
  }

  private static long hits(HubFixture hub, String agent, String word) {
    return hub.get("/api/v1/search?q=" + word, agent).expect(200).json().getLong("total");
  }

  @Test
  void aDeliveredMailIsSearchableOnceAcrossARestart() {
    String word = "flamingo" + System.nanoTime();
    try (HubFixture hub = HubFixture.start(data, Map.of(), mailbox())) {
      String agent = hub.userToken("petra", "agent");
      GreenMailUtil.sendTextEmail(
          "support@hub.example",
          "quinn@customer.example",
          "Where is my parcel",
          "The parcel " + word + " never arrived.",
          mail.getSmtp().getServerSetup());

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(hits(hub, agent, word)).isEqualTo(1));
      assertThat(
              hub.get("/api/v1/customers?identity=quinn@customer.example", agent)
                  .expect(200)
                  .json()
                  .getString("customerId"))
          .isNotBlank();
    }
    try (HubFixture hub = HubFixture.start(data, Map.of(), mailbox())) {
      String agent = hub.login("petra", "petra-password-123");
      // A second mail proves the watcher is running again; the first must still be there once.
      GreenMailUtil.sendTextEmail(
          "support@hub.example",
          "quinn@customer.example",
          "Still waiting",
          "About " + word + " again.",
          mail.getSmtp().getServerSetup());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(hits(hub, agent, word)).isEqualTo(2));
    }
  }
}
