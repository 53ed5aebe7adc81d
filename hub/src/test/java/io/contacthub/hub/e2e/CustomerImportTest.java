package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRM data comes in as CSV or JSON lines, lands on the customers matched by identity, is idempotent
 * and durable, and the computed value moves with the customer's interactions.
 */
@Timeout(120)
class CustomerImportTest {

  private static final String CSV =
      """
      email,phone,name,revenue,products,tags,accountOwner,region
      anna@example.com,+49 30 5555501,Anna,120000,credit_card;mortgage,vip,mira,north
      ben@example.com,,Ben,800,credit_card,,nils,south
      carla@example.com,,Carla,1500,,,,
      dan@example.com,,Dan,2500,,,,
      eve@example.com,,Eve,300,,,,
      """;

  @TempDir Path data;

  private static HubFixture.Response csv(HubFixture hub, String body) {
    return hub.postRaw(
        "/api/v1/customers/import", HubFixture.INGEST_TOKEN, "text/csv", Buffer.buffer(body));
  }

  private static JsonObject customer(HubFixture hub, String email) {
    return hub.get("/api/v1/customers?identity=email:" + email, hub.adminToken())
        .expect(200)
        .json();
  }

  @Test
  void theSameImportTwiceGivesTheSameStateAndSurvivesARestart() {
    JsonObject anna;
    try (HubFixture hub = HubFixture.start(data, Map.of("HUB_OFFERS_WATCH_INTERVAL_MILLIS", "0"))) {
      JsonObject first = csv(hub, CSV).expect(200).json();
      assertThat(first.getInteger("created")).isEqualTo(5);
      anna = customer(hub, "anna@example.com");
      JsonObject attrs = anna.getJsonObject("attributes");
      assertThat(attrs.getDouble("revenue")).isEqualTo(120000.0);
      assertThat(attrs.getJsonArray("products").getList())
          .containsExactly("credit_card", "mortgage");
      assertThat(attrs.getString("accountOwner")).isEqualTo("mira");
      assertThat(attrs.getString("region")).isEqualTo("north");
      assertThat(attrs.getString("segment")).isEqualTo("high");
      assertThat(customer(hub, "ben@example.com").getJsonObject("attributes").getString("segment"))
          .isEqualTo("standard");
      // The phone in the CRM row finds the same customer.
      assertThat(
              hub.get("/api/v1/customers?identity=phone:%2B4930555550" + "1", hub.adminToken())
                  .expect(200)
                  .json()
                  .getString("customerId"))
          .isEqualTo(anna.getString("customerId"));

      JsonObject second = csv(hub, CSV).expect(200).json();
      assertThat(second.getInteger("created")).isZero();
      assertThat(second.getInteger("updated")).isZero();
      assertThat(second.getInteger("unchanged")).isEqualTo(5);
      assertThat(second.getInteger("segmentChanges")).isZero();
      assertThat(customer(hub, "anna@example.com")).isEqualTo(anna);

      // The same data as JSON lines changes nothing either.
      JsonObject jsonLines =
          hub.postRaw(
                  "/api/v1/customers/import",
                  HubFixture.INGEST_TOKEN,
                  "application/x-ndjson",
                  Buffer.buffer(
                      "{\"email\":\"anna@example.com\",\"revenue\":120000,\"products\":[\"credit_card\",\"mortgage\"]}\n"))
              .expect(200)
              .json();
      assertThat(jsonLines.getInteger("unchanged")).isEqualTo(1);

      // Interactions move the computed value: contacts per channel, cost to serve, value.
      hub.ingest(message("webchat", "email", "anna@example.com", "Hello"));
      hub.ingest(message("email", "email", "anna@example.com", "Hello again"));
      hub.ingest(message("email", "email", "anna@example.com", "And again"));
      anna = customer(hub, "anna@example.com");
      JsonObject a = anna.getJsonObject("attributes");
      assertThat(a.getJsonObject("interactionCounts").getLong("email")).isEqualTo(2);
      assertThat(a.getJsonObject("interactionCounts").getLong("webchat")).isEqualTo(1);
      assertThat(a.getString("preferredChannel")).isEqualTo("email");
      assertThat(a.getDouble("costToServe")).isEqualTo(2 * 2.5 + 1.5);
      assertThat(a.getDouble("value")).isEqualTo(120000 - 6.5);
    }
    // Everything above was durable: a restarted hub has the same customer.
    try (HubFixture hub = HubFixture.start(data, Map.of("HUB_OFFERS_WATCH_INTERVAL_MILLIS", "0"))) {
      assertThat(customer(hub, "anna@example.com")).isEqualTo(anna);
      assertThat(csv(hub, CSV).expect(200).json().getInteger("unchanged")).isEqualTo(5);
    }
  }

  @Test
  void badUploadsAreRefusedWithProblemsAndNothingApplied() {
    try (HubFixture hub = HubFixture.start(data, Map.of("HUB_OFFERS_WATCH_INTERVAL_MILLIS", "0"))) {
      HubFixture.Response noIdentity = csv(hub, "name,revenue\nZed,100\n");
      assertThat(noIdentity.status()).isEqualTo(400);
      assertThat(noIdentity.contentType()).startsWith("application/problem+json");
      assertThat(noIdentity.json().getString("detail")).contains("line 2");
      HubFixture.Response badRevenue =
          csv(hub, "email,revenue\nok@example.com,100\nzed@example.com,lots\n");
      assertThat(badRevenue.status()).isEqualTo(400);
      assertThat(
              hub.get("/api/v1/customers?identity=email:ok@example.com", hub.adminToken()).status())
          .isEqualTo(404);
      HubFixture.Response computed =
          hub.postRaw(
              "/api/v1/customers/import",
              HubFixture.INGEST_TOKEN,
              "application/x-ndjson",
              Buffer.buffer("{\"email\":\"x@example.com\",\"segment\":\"high\"}\n"));
      assertThat(computed.status()).isEqualTo(400);
      HubFixture.Response wrongType =
          hub.postRaw(
              "/api/v1/customers/import",
              HubFixture.INGEST_TOKEN,
              "application/xml",
              Buffer.buffer("<x/>"));
      assertThat(wrongType.status()).isEqualTo(415);
      assertThat(wrongType.contentType()).startsWith("application/problem+json");
      String agent = hub.userToken("ann", "agent");
      assertThat(
              hub.postRaw(
                      "/api/v1/customers/import",
                      agent,
                      "text/csv",
                      Buffer.buffer("email\na@b.c\n"))
                  .status())
          .isEqualTo(403);
    }
  }
}
