package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's timeline read right after an ingest was acknowledged shows it, though the index
 * refreshes only once a second here: the read waits for that customer's write, not for the refresh.
 */
@Timeout(60)
class TimelineReadYourWritesTest {

  @TempDir static Path data;
  static HubFixture hub;
  static String agent;

  @BeforeAll
  static void startHub() {
    hub = HubFixture.start(data, Map.of("HUB_INDEX_REFRESH_MILLIS", "1000"));
    agent = hub.userToken("ryw-agent", "agent");
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void aTimelineReadRightAfterTheAcknowledgementShowsTheIngest() {
    String customer = null;
    for (int i = 1; i <= 3; i++) {
      // WHEN an ingest is acknowledged and the timeline is read at once
      JsonObject ack = hub.ingest(message("whatsapp", "phone", "+49 151 70009999", "message " + i));
      customer = ack.getString("customerId");

      // THEN the page holds it, newest first, and every earlier one
      assertThat(hub.timeline(customer, agent))
          .extracting(item -> item.getString("interactionId"))
          .hasSize(i)
          .first()
          .isEqualTo(ack.getString("interactionId"));
    }
  }
}
