package io.contacthub.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Call logs imported over HTTP: Asterisk's Master.csv and the generic CSV, and re-imports. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class CdrImportTest extends PhoneHarnessTest {

  @Test
  void masterCsvBecomesCallsWithTheirRealTimesAndOutcomes() throws Exception {
    // WHEN the PBX's Master.csv (local time in Berlin) is imported
    HttpResponse<Buffer> r = post("asterisk&timezone=Europe/Berlin", resource("Master.csv"));

    // THEN three customer calls, one internal call skipped, two unreadable lines named
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject report = r.bodyAsJsonObject();
    assertThat(report.getInteger("imported")).isEqualTo(3);
    assertThat(report.getInteger("duplicates")).isZero();
    assertThat(report.getInteger("skipped")).isEqualTo(1);
    assertThat(report.getJsonArray("rejected")).hasSize(2);
    assertThat(report.getJsonArray("rejected").getJsonObject(0).getLong("line")).isEqualTo(5);
    assertThat(report.getJsonArray("rejected").getJsonObject(0).getString("reason"))
        .contains("start 'yesterday'");
    assertThat(report.getJsonArray("rejected").getJsonObject(1).getLong("line")).isEqualTo(6);
    assertThat(report.getJsonArray("rejected").getJsonObject(1).getString("reason"))
        .contains("at least 16 columns");
    // AND the answered call is dated at its start, with its talk time and who took it
    InboundInteraction answered = interaction("1709630102.1");
    assertThat(answered.occurredAt()).isEqualTo(Instant.parse("2024-03-05T08:15:02Z"));
    assertThat(answered.direction()).isEqualTo(Direction.INBOUND);
    assertThat(answered.identities()).extracting(Identity::value).containsExactly("+4915112345678");
    JsonObject call = phone.storedCall("1709630102.1");
    assertThat(call.getString("state")).isEqualTo("ended");
    assertThat(call.getLong("durationSeconds")).isEqualTo(192);
    assertThat(call.getString("answeredBy")).isEqualTo("202");
    assertThat(answered.text())
        .isEqualTo("Inbound call from +49 1511 2345678 — answered by 202, 3m12s");
    // AND the others
    assertThat(phone.storedCall("1709638800.3").getString("state")).isEqualTo("missed");
    InboundInteraction busy = interaction("1709640000.5");
    assertThat(busy.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(busy.identities()).extracting(Identity::value).containsExactly("+493023125741");
    assertThat(phone.storedCall("1709640000.5").getString("cause")).isEqualTo("busy");
    assertThat(phone.ctx.interaction(Channel.PHONE, "1709640300.7")).isNull();
    // AND a log import pops nothing: these calls are over
    assertThat(phone.ctx.events()).isEmpty();
  }

  @Test
  void reImportingTheSameLogStoresNothingNew() throws Exception {
    // GIVEN
    post("asterisk&timezone=Europe/Berlin", resource("Master.csv"));
    int stored = phone.ctx.calls().size();

    // WHEN
    HttpResponse<Buffer> again = post("asterisk&timezone=Europe/Berlin", resource("Master.csv"));

    // THEN
    JsonObject report = again.bodyAsJsonObject();
    assertThat(report.getInteger("imported")).isZero();
    assertThat(report.getInteger("duplicates")).isEqualTo(3);
    assertThat(phone.ctx.calls()).hasSize(stored + 3);
    assertThat(phone.ctx.calls().subList(stored, stored + 3))
        .allMatch(c -> c.accepted().duplicate());
  }

  @Test
  void masterCsvWithoutUniqueidColumnIsStillIdempotent() throws Exception {
    // GIVEN a Master.csv written without loguniqueid: 16 columns
    String line =
        "\"\",\"4915112345678\",\"4922147100\",\"from-trunk\",\"\",\"PJSIP/trunk-1\",\"\","
            + "\"Hangup\",\"\",\"2024-03-05 09:15:02\",,\"2024-03-05 09:15:12\",10,0,"
            + "\"NO ANSWER\",\"DOCUMENTATION\"\r\n";

    // WHEN imported twice
    JsonObject first = post("asterisk", line).bodyAsJsonObject();
    JsonObject second = post("asterisk", line).bodyAsJsonObject();

    // THEN
    assertThat(first.getInteger("imported")).isEqualTo(1);
    assertThat(second.getInteger("duplicates")).isEqualTo(1);
    assertThat(phone.ctx.calls().get(0).interaction().externalId()).startsWith("cdr-");
  }

  @Test
  void genericCsvNamesItsColumns() throws Exception {
    // WHEN
    HttpResponse<Buffer> r = post("generic", resource("generic.csv"));

    // THEN
    JsonObject report = r.bodyAsJsonObject();
    assertThat(report.getInteger("imported")).isEqualTo(2);
    assertThat(report.getJsonArray("rejected").getJsonObject(0).getLong("line")).isEqualTo(4);
    assertThat(report.getJsonArray("rejected").getJsonObject(0).getString("reason"))
        .contains("direction must be in or out");
    JsonObject talked = phone.storedCall("g-1");
    assertThat(talked.getString("state")).isEqualTo("ended");
    assertThat(talked.getString("answeredBy")).isEqualTo("emma");
    assertThat(talked.getLong("durationSeconds")).isEqualTo(300);
    assertThat(talked.getString("recordingUrl")).isEqualTo("https://pbx.example.com/rec/g-1.wav");
    assertThat(phone.storedCall("g-2").getString("state")).isEqualTo("abandoned");
    assertThat(interaction("g-2").occurredAt()).isEqualTo(Instant.parse("2024-03-06T11:00:00Z"));
  }

  @Test
  void importNeedsTheCtiOrIngestToken() throws Exception {
    // WHEN
    HttpResponse<Buffer> none =
        phone
            .web
            .post("/channels/phone/cdr?format=generic")
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer(resource("generic.csv")))
            .await(10, TimeUnit.SECONDS);
    HttpResponse<Buffer> ingestToken =
        phone
            .web
            .post("/channels/phone/cdr?format=generic")
            .putHeader("Content-Type", "text/csv")
            .putHeader("Authorization", "Bearer " + FakeConnectorContext.INGEST_TOKEN)
            .sendBuffer(Buffer.buffer(resource("generic.csv")))
            .await(10, TimeUnit.SECONDS);

    // THEN
    CtiWebhookTest.assertProblem(none, 401, "Bearer");
    assertThat(ingestToken.statusCode()).isEqualTo(200);
  }

  @Test
  void unknownFormatAndBrokenCsvAreBadRequests() throws Exception {
    // WHEN
    HttpResponse<Buffer> format = post("excel", "a,b\n");
    HttpResponse<Buffer> broken = post("generic", "callId,start\n\"unterminated,2024\n");

    // THEN
    CtiWebhookTest.assertProblem(format, 400, "format must be asterisk or generic");
    CtiWebhookTest.assertProblem(broken, 400, "not readable CSV");
  }

  private HttpResponse<Buffer> post(String query, String csv) throws Exception {
    return phone
        .web
        .post("/channels/phone/cdr?format=" + query)
        .putHeader("Content-Type", "text/csv")
        .putHeader("Authorization", "Bearer " + PhoneHarness.CTI_TOKEN)
        .sendBuffer(Buffer.buffer(csv))
        .await(10, TimeUnit.SECONDS);
  }

  private InboundInteraction interaction(String callId) {
    return phone.ctx.calls().stream()
        .map(FakeConnectorContext.Ingested::interaction)
        .filter(i -> i.externalId().equals(callId))
        .findFirst()
        .orElseThrow();
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = CdrImportTest.class.getResourceAsStream("/cdr/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
