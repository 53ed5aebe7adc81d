package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad input gets a 4xx problem+json with a useful detail, and the hub keeps serving. */
@Timeout(60)
class BadInputTest extends HubPerClassTest {

  static String agent;

  @BeforeAll
  static void login() {
    agent = hub.userToken("agent-bad", "agent");
  }

  @AfterEach
  void hubStillServes() {
    hub.ingest(message("email", "email", "still@alive.org", "ok"));
  }

  private static void assertProblem(HubFixture.Response r, int status, String detailContains) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonObject p = r.json();
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("title")).isNotBlank();
    assertThat(p.getString("detail")).containsIgnoringCase(detailContains);
    assertThat(r.body().toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void malformedJson() {
    assertProblem(
        hub.call(
            HttpMethod.POST,
            "/api/v1/interactions",
            HubFixture.INGEST_TOKEN,
            Buffer.buffer("{\"channel\": ")),
        400,
        "json");
  }

  @Test
  void missingField() {
    JsonObject body = message("email", "email", "a@b.org", "x");
    body.remove("externalId");
    assertProblem(
        hub.post("/api/v1/interactions", HubFixture.INGEST_TOKEN, body), 400, "externalId");
  }

  @Test
  void tenMegabyteBody() {
    String big = "x".repeat(10 * 1024 * 1024);
    JsonObject body = message("email", "email", "a@b.org", big);
    assertProblem(hub.post("/api/v1/interactions", HubFixture.INGEST_TOKEN, body), 413, "");
  }

  @Test
  void unparseablePhone() {
    assertProblem(
        hub.post(
            "/api/v1/interactions",
            HubFixture.INGEST_TOKEN,
            message("phone", "phone", "not a number", "x")),
        400,
        "phone");
  }

  @Test
  void unknownChannel() {
    assertProblem(
        hub.post(
            "/api/v1/interactions",
            HubFixture.INGEST_TOKEN,
            message("pigeon", "email", "a@b.org", "x")),
        400,
        "channel");
  }

  @Test
  void badCursor() {
    assertProblem(hub.get("/api/v1/search?q=x&cursor=garbage!!", agent), 400, "cursor");
    String customer =
        hub.ingest(message("email", "email", "cursor@b.org", "x")).getString("customerId");
    assertProblem(
        hub.get("/api/v1/customers/" + customer + "/timeline?cursor=AAAA", agent), 400, "cursor");
  }

  @Test
  void unknownApiPathIsAProblemNotAPage() {
    assertProblem(hub.get("/api/v1/no-such-thing", agent), 404, "");
  }

  @Test
  void unknownCustomerIsNotFound() {
    assertProblem(hub.get("/api/v1/customers/no-such-id", agent), 404, "no-such-id");
  }
}
