package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generic-CTI call posted to a started hub pops on the targeted agent's live stream with the
 * customer's cross-channel history, before anyone answers; answer and hangup follow.
 */
@Timeout(60)
class ScreenPopTest {

  private static final String CTI_TOKEN = "cti-token-for-tests";

  @TempDir static Path data;
  static HubFixture hub;

  @BeforeAll
  static void start() {
    hub = HubFixture.start(data, Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void aKnownCallerPopsWithTheirEmailHistoryOnTheNamedAgentOnly() throws Exception {
    JsonObject mail = message("email", "email", "olga@example.com", "My card was charged twice");
    mail.getJsonArray("identities")
        .add(new JsonObject().put("type", "phone").put("value", "+49 30 23125741"));
    String customer = hub.ingest(mail).getString("customerId");
    String olgasAgent = hub.userToken("mira", "agent");
    String otherAgent = hub.userToken("nils", "agent");
    StreamFrames mira = StreamFrames.open(hub, olgasAgent);
    StreamFrames nils = StreamFrames.open(hub, otherAgent);

    hub.cti(
            CTI_TOKEN,
            "event=newCall&from=493023125741&to=4930600000&direction=in&callId=call-77&user%5B%5D=mira")
        .expect(200);

    JsonObject pop = mira.next("screen_pop").getJsonObject("payload");
    assertThat(pop.getString("callId")).isEqualTo("call-77");
    assertThat(pop.getJsonObject("customer").getString("customerId")).isEqualTo(customer);
    assertThat(pop.getJsonArray("history").stream().map(o -> ((JsonObject) o).getString("text")))
        .contains("My card was charged twice");

    hub.cti(
            CTI_TOKEN,
            "event=answer&from=493023125741&to=4930600000&direction=in&callId=call-77&user%5B%5D=mira&answeringNumber=mira")
        .expect(200);
    assertThat(mira.next("screen_pop.update").getJsonObject("payload").getString("callId"))
        .isEqualTo("call-77");
    hub.cti(
            CTI_TOKEN,
            "event=hangup&from=493023125741&to=4930600000&direction=in&callId=call-77&cause=normalClearing&answeringNumber=mira")
        .expect(200);
    assertThat(mira.next("screen_pop.close").getJsonObject("payload").getString("callId"))
        .isEqualTo("call-77");

    assertThat(nils.drained().stream().map(f -> f.getString("type")).toList())
        .doesNotContain("screen_pop");
    // The call itself is on the customer's timeline, searchable within the refresh interval.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        hub.timeline(customer, olgasAgent).stream()
                            .map(i -> i.getString("kind"))
                            .toList())
                    .contains("call"));
  }

  @Test
  void aWrongCtiTokenIsRefused() {
    HubFixture.Response r =
        hub.postRaw(
            "/channels/phone/cti/wrong-token",
            null,
            "application/x-www-form-urlencoded",
            Buffer.buffer("event=newCall&from=1&to=2&direction=in&callId=x"));
    assertThat(r.status()).isIn(401, 403);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }
}
