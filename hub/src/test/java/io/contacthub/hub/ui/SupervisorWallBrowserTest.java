package io.contacthub.hub.ui;

import static io.contacthub.hub.ui.Seed.email;
import static io.contacthub.hub.ui.Seed.identity;
import static io.contacthub.hub.ui.Seed.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The supervisor wall at /supervisor: live counts per channel, changed within a second. */
@Timeout(90)
class SupervisorWallBrowserTest extends HubAndBrowserPerClassTest {

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

  static int waiting(String queue) {
    return Integer.parseInt(
        browser.find("tr[data-queue='" + queue + "'] td[data-col='waiting']").getText().trim());
  }

  @Test
  void seesAQueueChangeWithinASecond() {
    browser.logout();
    browser.login("sam.supervisor", "sam.supervisor-password-123");
    browser.go("/supervisor");
    browser.waitFor(d -> "Live".equals(browser.streamState()) ? true : null);
    // No agent is available: the email waits in the email queue, the chats in the chat queue.
    browser.waitFor(d -> waiting("email") == 1 ? true : null);
    browser.waitFor(d -> waiting("chat") == 2 ? true : null);
    assertThat(browser.find("tr[data-queue='email'] td[data-col='longest']").getText())
        .matches("\\d+:\\d\\d");
    assertThat(
            browser.find("tr[data-queue-channel='chat/whatsapp'] td[data-col='waiting']").getText())
        .isEqualTo("1");
    assertThat(browser.find("[data-testid=total-waiting]").getText()).isEqualTo("3");
    assertThat(browser.find("[data-state=offline]").getText()).isNotBlank();
    browser.find("[data-testid=last-hour-chart] canvas");

    JsonObject mail =
        hub.ingest(email("noah@example.com", "Noah Berg", "Broken zipper", "It broke.", null));
    long acknowledged = System.nanoTime();
    browser.waitFor(Duration.ofSeconds(1), d -> waiting("email") == 2 ? true : null);
    long seenAfterMillis = (System.nanoTime() - acknowledged) / 1_000_000;
    assertThat(seenAfterMillis).isLessThan(1000);
    assertThat(browser.find("tr[data-channel='email'] td[data-col='waiting']").getText())
        .isEqualTo("2");

    // Drill into the queue: its contacts, oldest first.
    browser.find("tr[data-queue='email'] button").click();
    browser.waitFor(d -> browser.find(".drill").getText().contains("Noah Berg") ? true : null);
    assertThat(browser.find(".drill").getText()).contains("Li Wei", "waiting");
    assertThat(browser.find(".drill li").getText()).contains("Li Wei");
    browser.js("document.querySelector('.wall').scrollTop = 0");
    browser.screenshot("supervisor-wall.png");

    hub.post(
            "/api/v1/conversations/" + mail.getString("conversationId") + "/status",
            hub.adminToken(),
            new JsonObject().put("status", "resolved"))
        .expect(200);
    browser.waitFor(Duration.ofSeconds(1), d -> waiting("email") == 1 ? true : null);
  }

  @Test
  void aWallDisplayShowsEverythingWithoutScrollingSideways() {
    browser.viewport(1920, 1080);
    try {
      browser.logout();
      browser.login("sam.supervisor", "sam.supervisor-password-123");
      browser.go("/supervisor");
      browser.find("tr[data-queue='email']");
      Number overflow =
          (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
      assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
    } finally {
      browser.viewport(1280, 800);
    }
  }
}
