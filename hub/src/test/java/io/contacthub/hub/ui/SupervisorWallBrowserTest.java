package io.contacthub.hub.ui;

import static io.contacthub.hub.ui.Seed.email;
import static io.contacthub.hub.ui.Seed.identity;
import static io.contacthub.hub.ui.Seed.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor wall at /supervisor: live counts per channel, changed within a second. */
@Timeout(90)
class SupervisorWallBrowserTest {

  @TempDir static Path data;
  static HubFixture hub;
  static Browser browser;

  @BeforeAll
  static void start() {
    hub = HubFixture.start(data);
    browser = Browser.open(hub.port());
    hub.userToken("sam.supervisor", "supervisor");
    hub.ingest(
        email("li@example.com", "Li Wei", "Refund status", "Where is my refund?", null)
            .put("occurredAt", Instant.now().minusSeconds(420).toString()));
    hub.ingest(
        message(
                "whatsapp",
                "Do you deliver to Porto?",
                identity("phone", "+351912345678", "Rui Sousa").put("verified", true))
            .put("occurredAt", Instant.now().minusSeconds(95).toString()));
    hub.ingest(
        message("webchat", "Hi there", identity("visitor", "v-77", "Mia Schulz"))
            .put("occurredAt", Instant.now().minusSeconds(30).toString()));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  static int count(String channel, String column) {
    String text =
        browser.find("tr[data-channel='" + channel + "'] td[data-col='" + column + "']").getText();
    return Integer.parseInt(text.trim());
  }

  @Test
  void seesAChannelChangeWithinASecond() {
    browser.login("sam.supervisor", "sam.supervisor-password-123");
    browser.go("/supervisor");
    browser.waitFor(d -> "Live".equals(browser.streamState()) ? true : null);
    browser.waitFor(d -> count("email", "open") == 1 ? true : null);
    assertThat(count("whatsapp", "waiting")).isEqualTo(1);
    assertThat(browser.find("tr[data-channel='email'] td[data-col='longest']").getText())
        .matches("7:0\\d");
    assertThat(browser.find(".pending-feature").getText())
        .contains("Queue metrics arrive with routing");

    JsonObject mail =
        hub.ingest(email("noah@example.com", "Noah Berg", "Broken zipper", "It broke.", null));
    long acknowledged = System.nanoTime();
    browser.waitFor(Duration.ofSeconds(1), d -> count("email", "open") == 2 ? true : null);
    long seenAfterMillis = (System.nanoTime() - acknowledged) / 1_000_000;
    assertThat(seenAfterMillis).isLessThan(1000);
    assertThat(count("email", "waiting")).isEqualTo(2);

    // Drill into the channel: who waits, longest first.
    browser.find("tr[data-channel='email'] button").click();
    assertThat(browser.find(".drill").getText()).contains("Li Wei", "Refund status");
    browser.screenshot("supervisor-wall.png");

    hub.post(
            "/api/v1/conversations/" + mail.getString("conversationId") + "/status",
            hub.adminToken(),
            new JsonObject().put("status", "resolved"))
        .expect(200);
    browser.waitFor(Duration.ofSeconds(1), d -> count("email", "open") == 1 ? true : null);
  }
}
