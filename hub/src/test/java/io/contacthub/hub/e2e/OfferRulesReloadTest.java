package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule file is reloaded without a restart, by API and when it changes on disk; a broken file is
 * reported and never takes down the rules in force.
 */
@Timeout(90)
class OfferRulesReloadTest {

  private static final String FIRST =
      """
      offers:
        - id: refund-help
          name: Refund help
          triggers: [interaction.created]
          text: refund
          script: I can start the refund right away.
      """;
  private static final String SECOND =
      FIRST
          + """
            - id: travel-insurance
              name: Travel insurance
              triggers: [interaction.created]
              text: travel OR trip
              script: Our travel cover starts at 3 EUR a day.
          """;
  private static final String BROKEN =
      """
      offers:
        - id: Broken Id
          triggers: [when_it_rains]
          text: 'refund AND ('
          script: x
      """;

  @TempDir static Path data;
  @TempDir static Path configDir;
  static Path rules;
  static HubFixture hub;

  @BeforeAll
  static void start() throws Exception {
    rules = configDir.resolve("offers.yaml");
    Files.writeString(rules, FIRST);
    hub =
        HubFixture.start(
            data,
            Map.of(
                "HUB_OFFERS_RULES_FILE",
                rules.toString(),
                "HUB_OFFERS_WATCH_INTERVAL_MILLIS",
                "200"));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject status() {
    return hub.get("/api/v1/offers/rules", hub.adminToken()).expect(200).json();
  }

  @Test
  void aValidFileReplacesTheRulesAndABrokenOneLeavesThemRunning() throws Exception {
    String admin = hub.adminToken();
    assertThat(status().getJsonArray("rules")).hasSize(1);

    Files.writeString(rules, SECOND);
    JsonObject reloaded = hub.post("/api/v1/offers/rules/reload", admin, null).expect(200).json();
    assertThat(reloaded.getJsonArray("rules")).hasSize(2);
    assertThat(reloaded.getValue("lastError")).isNull();
    String version = reloaded.getString("version");

    Files.writeString(rules, BROKEN);
    HubFixture.Response refused = hub.post("/api/v1/offers/rules/reload", admin, null);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().getString("detail"))
        .contains("unknown trigger when_it_rains", "text does not parse", "id must be");
    JsonObject after = status();
    assertThat(after.getString("version")).isEqualTo(version);
    assertThat(after.getJsonObject("lastError").getJsonArray("problems")).isNotEmpty();
    assertThat(hub.get("/metrics", null).body().toString())
        .contains("hub_offers_rules_reloads_total{", "result=\"invalid\"");

    // The rules in force still work.
    StreamFrames agent = StreamFrames.open(hub, hub.userToken("vera", "agent"));
    hub.ingest(message("webchat", "email", "tom@example.com", "Any cover for my trip to Peru?"));
    assertThat(agent.nextOffer().getString("offerId")).isEqualTo("travel-insurance");

    // A fixed file is picked up by the watcher, without an API call.
    Files.writeString(rules, FIRST);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonObject s = status();
              assertThat(s.getJsonArray("rules")).hasSize(1);
              assertThat(s.getValue("lastError")).isNull();
            });
  }
}
