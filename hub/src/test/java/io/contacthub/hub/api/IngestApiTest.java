package io.contacthub.hub.api;

import static io.contacthub.hub.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IngestApiTest extends ApiServerTest {

  /** A valid inbound email with this external id. */
  static JsonObject email(String externalId) {
    return new JsonObject()
        .put("channel", "email")
        .put("externalId", externalId)
        .put("direction", "inbound")
        .put("occurredAt", "2025-03-01T09:30:00Z")
        .put(
            "identities",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "email")
                        .put("value", "ada@example.com")
                        .put("verified", true)
                        .put("displayName", "Ada")))
        .put("text", "Where is my order?");
  }

  private static HttpResponse<Buffer> ingest(JsonObject body) {
    return api.asService(HttpMethod.POST, "/api/v1/interactions").sendJsonObject(body).await();
  }

  private static InboundInteraction recorded(String externalId) {
    return api.ingest.ingested.stream()
        .filter(i -> i.externalId().equals(externalId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ingestAnswers201ThenDuplicate200() {
    HttpResponse<Buffer> first = ingest(email("dup-1"));
    HttpResponse<Buffer> retry = ingest(email("dup-1"));

    assertThat(first.statusCode()).isEqualTo(201);
    JsonObject accepted = first.bodyAsJsonObject();
    assertThat(accepted.getBoolean("duplicate")).isFalse();
    assertThat(accepted.getString("interactionId")).isNotBlank();
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.bodyAsJsonObject()).isEqualTo(accepted.copy().put("duplicate", true));
  }

  @Test
  void adminMayIngest() {
    HttpResponse<Buffer> response =
        api.as("admin", HttpMethod.POST, "/api/v1/interactions")
            .sendJsonObject(email("by-admin"))
            .await();

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void jsonMapsToInboundInteractionWithNamespacedThreadKeys() {
    JsonObject body =
        email("map-1")
            .put("subject", "Re: order")
            .put("messageId", "<m2@mail.example>")
            .put("inReplyTo", "<m1@mail.example>")
            .put("references", "<m0@mail.example>\r\n <m1@mail.example>")
            .put("threadKeys", new JsonArray().add("case-42"))
            .put("conversationId", "v-9")
            .put("kind", "note")
            .put("automated", true)
            .put("extras", new JsonObject().put("spam", 0.1));
    body.getJsonArray("identities")
        .add(new JsonObject().put("type", "phone").put("value", "+1 415 555 0100"));

    assertThat(ingest(body).statusCode()).isEqualTo(201);

    InboundInteraction i = recorded("map-1");
    assertThat(i.channel()).isEqualTo(Channel.EMAIL);
    assertThat(i.occurredAt()).isEqualTo(Instant.parse("2025-03-01T09:30:00Z"));
    assertThat(i.subject()).isEqualTo("Re: order");
    assertThat(i.kind().wireName()).isEqualTo("note");
    assertThat(i.automated()).isTrue();
    assertThat(i.extras().getDouble("spam")).isEqualTo(0.1);
    assertThat(i.identities()).hasSize(2);
    assertThat(i.identities().get(0).type()).isEqualTo(IdentityType.EMAIL);
    assertThat(i.identities().get(0).verified()).isTrue();
    assertThat(i.identities().get(0).displayName()).isEqualTo("Ada");
    assertThat(i.identities().get(1).verified()).isFalse();
    assertThat(i.thread().keys()).containsExactly("email:case-42", "email:m2@mail.example");
    assertThat(i.thread().references())
        .containsExactly("email:m0@mail.example", "email:m1@mail.example");
    assertThat(i.thread().conversationId()).isEqualTo("v-9");
  }

  @Test
  void chatKeysAreNamespacedByTheirChannel() {
    JsonObject body =
        email("chat-1")
            .put("channel", "webchat")
            .put("threadKeys", new JsonArray().add("session-7"))
            .put("references", new JsonArray().add("<kept>"));

    assertThat(ingest(body).statusCode()).isEqualTo(201);

    InboundInteraction i = recorded("chat-1");
    assertThat(i.thread().keys()).containsExactly("webchat:session-7");
    assertThat(i.thread().references()).containsExactly("webchat:<kept>");
  }

  @Test
  void htmlOnlyFromTheIngestToken() {
    JsonObject withHtml = email("html-1").put("html", "<p>Hello</p>");

    HttpResponse<Buffer> byAdmin =
        api.as("admin", HttpMethod.POST, "/api/v1/interactions").sendJsonObject(withHtml).await();
    HttpResponse<Buffer> byService = ingest(withHtml);

    assertThat(assertProblem(byAdmin, 400)).startsWith("html");
    assertThat(byService.statusCode()).isEqualTo(201);
    assertThat(recorded("html-1").html()).isEqualTo("<p>Hello</p>");
  }

  @Test
  void malformedJsonIs400() {
    HttpResponse<Buffer> response =
        api.asService(HttpMethod.POST, "/api/v1/interactions")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"channel\": \"email\", "))
            .await();

    assertThat(assertProblem(response, 400)).contains("not valid JSON");
  }

  @Test
  void missingFieldIs400NamingIt() {
    JsonObject body = email("missing-1");
    body.remove("occurredAt");

    assertThat(assertProblem(ingest(body), 400)).contains("occurredAt").contains("required");
  }

  @Test
  void unknownChannelIs400NamingIt() {
    assertThat(assertProblem(ingest(email("fax-1").put("channel", "fax")), 400))
        .contains("channel");
  }

  @Test
  void unknownIdentityTypeIs400NamingIt() {
    JsonObject body = email("idtype-1");
    body.getJsonArray("identities").getJsonObject(0).put("type", "carrier-pigeon");

    assertThat(assertProblem(ingest(body), 400)).contains("identities[0].type");
  }

  @Test
  void badInstantIs400NamingIt() {
    assertThat(assertProblem(ingest(email("time-1").put("occurredAt", "yesterday")), 400))
        .contains("occurredAt");
  }

  @Test
  void unknownPropertyIs400NamingIt() {
    assertThat(assertProblem(ingest(email("typo-1").put("occured_at", "x")), 400))
        .contains("occured_at");
  }

  @Test
  void bodyWithoutJsonContentTypeIs415() {
    HttpResponse<Buffer> response =
        api.asService(HttpMethod.POST, "/api/v1/interactions")
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(email("ct-1").toBuffer())
            .await();

    assertThat(assertProblem(response, 415)).contains("application/json");
  }

  @Test
  void jsonContentTypeMayCarryACharset() {
    HttpResponse<Buffer> response =
        api.asService(HttpMethod.POST, "/api/v1/interactions")
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .sendBuffer(email("charset-1").toBuffer())
            .await();

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void bodyThatIsNotAnObjectIs400() {
    HttpResponse<Buffer> array =
        api.asService(HttpMethod.POST, "/api/v1/interactions")
            .sendJson(new JsonArray().add(email("array-1")))
            .await();
    HttpResponse<Buffer> empty =
        api.asService(HttpMethod.POST, "/api/v1/interactions")
            .putHeader("Content-Type", "application/json")
            .send()
            .await();

    assertThat(assertProblem(array, 400)).contains("JSON object");
    assertThat(assertProblem(empty, 400)).contains("required");
  }

  @Test
  void nullForAnOptionalFieldIs400NamingIt() {
    assertThat(assertProblem(ingest(email("null-1").putNull("subject")), 400))
        .isEqualTo("subject: must be a string");
  }

  @Test
  void tooLongFieldIs400NamingIt() {
    assertThat(assertProblem(ingest(email("long-1").put("subject", "s".repeat(2001))), 400))
        .contains("subject")
        .contains("2000");
  }

  @Test
  void largeBodyIsCheckedOffTheEventLoopWithTheSameAnswers() {
    String text = "x".repeat(InteractionRoutes.INLINE_BODY_BYTES + 1);

    HttpResponse<Buffer> good = ingest(email("large-1").put("text", text));
    HttpResponse<Buffer> bad = ingest(email("large-2").put("text", text).put("channel", "fax"));

    assertThat(good.statusCode()).isEqualTo(201);
    assertThat(recorded("large-1").text()).isEqualTo(text);
    assertThat(assertProblem(bad, 400)).contains("channel");
  }

  @Test
  void batchThatIsNotABatchIs400NamingTheField() {
    HttpResponse<Buffer> itemNotObject =
        api.asService(HttpMethod.POST, "/api/v1/interactions:batch")
            .sendJsonObject(
                new JsonObject().put("items", new JsonArray().add(email("b-o-1")).add("text")))
            .await();
    HttpResponse<Buffer> malformed =
        api.asService(HttpMethod.POST, "/api/v1/interactions:batch")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"items\": ["))
            .await();
    HttpResponse<Buffer> notJson =
        api.asService(HttpMethod.POST, "/api/v1/interactions:batch")
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer("{}"))
            .await();

    assertThat(assertProblem(itemNotObject, 400)).contains("items[1]");
    assertThat(assertProblem(malformed, 400)).contains("not valid JSON");
    assertThat(assertProblem(notJson, 415)).contains("application/json");
    assertThat(api.ingest.ingested).noneMatch(i -> i.externalId().equals("b-o-1"));
  }

  @Test
  void tenMegabyteBodyIs413AndTheServerKeepsServing() {
    JsonObject huge = email("huge-1").put("text", "x".repeat(10 * 1024 * 1024));

    HttpResponse<Buffer> response = ingest(huge);
    HttpResponse<Buffer> after = ingest(email("after-huge"));

    assertThat(assertProblem(response, 413)).contains("1048576");
    assertThat(after.statusCode()).isEqualTo(201);
  }

  @Test
  void batchReportsEachItemInOrder() {
    JsonObject bad = email("batch-bad").put("channel", "fax");
    JsonObject items =
        new JsonObject()
            .put(
                "items",
                new JsonArray()
                    .add(email("batch-1"))
                    .add(bad)
                    .add(email("batch-1"))
                    .add(email("batch-2").put("occurredAt", "soon")));

    HttpResponse<Buffer> response =
        api.asService(HttpMethod.POST, "/api/v1/interactions:batch").sendJsonObject(items).await();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray results = response.bodyAsJsonObject().getJsonArray("results");
    assertThat(results).hasSize(4);
    assertThat(results.getJsonObject(0).getBoolean("duplicate")).isFalse();
    assertThat(results.getJsonObject(1).getJsonObject("error").getInteger("status")).isEqualTo(400);
    assertThat(results.getJsonObject(1).getJsonObject("error").getString("detail"))
        .contains("channel");
    assertThat(results.getJsonObject(2).getBoolean("duplicate")).isTrue();
    assertThat(results.getJsonObject(2).getString("interactionId"))
        .isEqualTo(results.getJsonObject(0).getString("interactionId"));
    assertThat(results.getJsonObject(3).getJsonObject("error").getString("detail"))
        .contains("occurredAt");
    assertThat(api.ingest.batchSizes).contains(2);
  }

  @Test
  void batchItemRefusedByTheServiceDoesNotFailTheOthers() {
    JsonObject items =
        new JsonObject()
            .put(
                "items",
                new JsonArray()
                    .add(email("poison-ok-1"))
                    .add(email(RecordingIngestService.POISON))
                    .add(email("poison-ok-2")));

    HttpResponse<Buffer> response =
        api.asService(HttpMethod.POST, "/api/v1/interactions:batch").sendJsonObject(items).await();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray results = response.bodyAsJsonObject().getJsonArray("results");
    assertThat(results.getJsonObject(0).getString("interactionId")).isNotBlank();
    assertThat(results.getJsonObject(1).getJsonObject("error").getString("detail"))
        .contains("identities[0].value");
    assertThat(results.getJsonObject(2).getString("interactionId")).isNotBlank();
  }

  @Test
  void batchOverOneThousandItemsIs400() {
    JsonArray items = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      items.add(new JsonObject());
    }

    HttpResponse<Buffer> response =
        api.asService(HttpMethod.POST, "/api/v1/interactions:batch")
            .sendJsonObject(new JsonObject().put("items", items))
            .await();

    assertThat(assertProblem(response, 400)).contains("items");
  }

  @Test
  void serviceUnavailableCarriesRetryAfter() {
    api.ingest.failWith(io.contacthub.hub.model.HubException.unavailable("log is full", 5));
    try {
      HttpResponse<Buffer> response = ingest(email("busy-1"));

      assertThat(assertProblem(response, 503)).isEqualTo("log is full");
      assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    } finally {
      api.ingest.failWith(null);
    }
  }
}
