package io.contacthub.connector.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.email.EmailConnector;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /channels/email/inbound} over real HTTP, good and bad input. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RawMimeEndpointTest {

  private static final long ATTACHMENT_LIMIT = 25L * 1024 * 1024;

  @TempDir Path dataDir;
  private FakeConnectorContext ctx;
  private EmailConnector connector;
  private WebClient client;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    JsonObject config =
        new JsonObject()
            .put("ownAddresses", new JsonArray().add("support@hub.test"))
            .put("maxMessageBytes", 48L * 1024 * 1024);
    ctx =
        FakeConnectorContext.builder(vertx)
            .config(config)
            .dataDir(dataDir)
            .attachmentLimit(ATTACHMENT_LIMIT)
            .start()
            .await(10, TimeUnit.SECONDS);
    connector = new EmailConnector(name -> null);
    connector.start(ctx).await(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    connector.stop().await(10, TimeUnit.SECONDS);
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void acceptsRawMimeThenAnswersDuplicate() throws Exception {
    // GIVEN
    byte[] mail = resource("gmail-inline-image.eml");

    // WHEN
    HttpResponse<Buffer> first = post(mail, FakeConnectorContext.INGEST_TOKEN, "message/rfc822");
    HttpResponse<Buffer> again = post(mail, FakeConnectorContext.INGEST_TOKEN, "message/rfc822");

    // THEN
    assertThat(first.statusCode()).isEqualTo(201);
    JsonObject created = first.bodyAsJsonObject();
    assertThat(created.getString("interactionId")).isNotBlank();
    assertThat(created.getString("customerId")).isNotBlank();
    assertThat(created.getString("conversationId")).isNotBlank();
    assertThat(created.getBoolean("duplicate")).isFalse();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().copy().put("duplicate", false)).isEqualTo(created);
    assertThat(again.bodyAsJsonObject().getBoolean("duplicate")).isTrue();
  }

  @Test
  void refusesMissingOrWrongToken() throws Exception {
    byte[] mail = resource("gmail-inline-image.eml");

    HttpResponse<Buffer> none = post(mail, null, "message/rfc822");
    HttpResponse<Buffer> wrong = post(mail, "not-the-token", "message/rfc822");

    assertProblem(none, 401);
    assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertProblem(wrong, 401);
    assertThat(ctx.calls()).isEmpty();
  }

  @Test
  void refusesOtherMediaTypesAndEmptyBodies() throws Exception {
    assertProblem(
        post("{}".getBytes(), FakeConnectorContext.INGEST_TOKEN, "application/json"), 415);
    assertProblem(post(new byte[0], FakeConnectorContext.INGEST_TOKEN, "message/rfc822"), 400);
    assertThat(ctx.calls()).isEmpty();
  }

  @Test
  void refusesMailOverTheMessageLimit() throws Exception {
    byte[] huge = new byte[49 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');

    HttpResponse<Buffer> response = post(huge, FakeConnectorContext.INGEST_TOKEN, "message/rfc822");

    assertProblem(response, 413);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("larger than");
  }

  @Test
  void passesAFinalRefusalOnInsteadOfAskingForRetries() throws Exception {
    // GIVEN a hub that refuses this mail for good (bad input, not an outage)
    ctx.failIngest(
        new io.contacthub.connector.IngestRejectedException(
            400, "identity email 'x' is not an email address"));

    // WHEN the provider posts
    HttpResponse<Buffer> refused =
        post(
            resource("exchange-out-of-office.eml"),
            FakeConnectorContext.INGEST_TOKEN,
            "message/rfc822");

    // THEN it learns the reason, and is not told to retry
    assertProblem(refused, 400);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("not an email address");
    assertThat(refused.getHeader("Retry-After")).isNull();
  }

  @Test
  void asksToRetryWhenTheHubCannotStoreAndLosesNothing() throws Exception {
    // GIVEN a hub that cannot make the mail durable
    byte[] mail = resource("exchange-out-of-office.eml");
    ctx.failIngest(new IllegalStateException("log unavailable"));

    // WHEN the provider posts, then retries after the hub recovered
    HttpResponse<Buffer> failed = post(mail, FakeConnectorContext.INGEST_TOKEN, "message/rfc822");
    ctx.failIngest(null);
    HttpResponse<Buffer> retried = post(mail, FakeConnectorContext.INGEST_TOKEN, "message/rfc822");

    // THEN
    assertProblem(failed, 503);
    assertThat(failed.getHeader("Retry-After")).isEqualTo("30");
    assertThat(retried.statusCode()).isEqualTo(201);
  }

  @Test
  void malformedMimeIsIngestedWithWarnings() throws Exception {
    HttpResponse<Buffer> response =
        post(
            resource("bad/malformed-multipart.eml"),
            FakeConnectorContext.INGEST_TOKEN,
            "message/rfc822");

    assertThat(response.statusCode()).isEqualTo(201);
    InboundInteraction i = ctx.call("malformed-1@legacy.example").orElseThrow().interaction();
    assertThat(i.text()).contains("Where is my order? It was due last week. Please check.");
    assertThat(i.text()).contains("Some trailing text in a part with an unreadable type.");
    assertThat(i.attachments()).extracting(a -> a.filename()).contains("data.bin");
    assertThat(i.extras().getJsonArray("warnings").encode())
        .contains("unknown charset x-unknown-charset")
        .contains("unreadable Content-Type");
  }

  @Test
  void notMimeAtAllIsStillKeptAsText() throws Exception {
    byte[] junk = new byte[4096];
    new java.util.Random(42).nextBytes(junk);

    HttpResponse<Buffer> response = post(junk, FakeConnectorContext.INGEST_TOKEN, "message/rfc822");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(ctx.calls())
        .singleElement()
        .satisfies(c -> assertThat(c.interaction().externalId()).startsWith("sha256:"));
  }

  @Test
  void missingMessageIdGetsAStableIdSoRedeliveryDedupes() throws Exception {
    byte[] mail = resource("bad/no-message-id.eml");

    HttpResponse<Buffer> first = post(mail, FakeConnectorContext.INGEST_TOKEN, "message/rfc822");
    HttpResponse<Buffer> again = post(mail, FakeConnectorContext.INGEST_TOKEN, "message/rfc822");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    InboundInteraction i = ctx.calls().get(0).interaction();
    assertThat(i.externalId()).matches("sha256:[0-9a-f]{64}");
    assertThat(i.thread().keys()).isEmpty();
    assertThat(i.text()).contains("does not send a Message-ID");
  }

  @Test
  void attachmentOverTheLimitIsNotedAndTheMailKept() throws Exception {
    // GIVEN a mail with a 30 MB attachment, over the hub's 25 MB limit
    byte[] big = new byte[30 * 1024 * 1024];
    String mail =
        """
        From: Sam <sam@example.org>
        To: support@hub.test
        Subject: The full log
        Message-ID: <big-1@example.org>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/plain; charset=utf-8

        Here is the full server log.
        --b
        Content-Type: application/octet-stream; name="server.log"
        Content-Disposition: attachment; filename="server.log"
        Content-Transfer-Encoding: base64

        %s
        --b--
        """
            .formatted(Base64.getMimeEncoder().encodeToString(big));

    // WHEN
    HttpResponse<Buffer> response =
        post(
            mail.getBytes(StandardCharsets.US_ASCII),
            FakeConnectorContext.INGEST_TOKEN,
            "message/rfc822");

    // THEN
    assertThat(response.statusCode()).isEqualTo(201);
    InboundInteraction i = ctx.call("big-1@example.org").orElseThrow().interaction();
    assertThat(i.text()).isEqualTo("Here is the full server log.");
    assertThat(i.attachments()).isEmpty();
    JsonObject rejected = i.extras().getJsonArray("rejectedAttachments").getJsonObject(0);
    assertThat(rejected.getString("filename")).isEqualTo("server.log");
    assertThat(rejected.getString("rejected")).isEqualTo("too large");
    assertThat(rejected.getLong("size")).isEqualTo(big.length);
    assertThat(rejected.getLong("limitBytes")).isEqualTo(ATTACHMENT_LIMIT);
  }

  @Test
  void ourOwnMailComingBackIsAutomatedAndNeverMakesTheHubACustomer() throws Exception {
    // GIVEN our reply sent back by a customer's auto-forwarder (our X-Loop mark), and a mail
    // whose sender is the hub's own address
    String forwarded =
        """
        From: Hanna <hanna@customer.example>
        To: support@hub.test
        Subject: Re: Your order
        Message-ID: <fwd-1@customer.example>
        X-Loop: support@hub.test
        Auto-Submitted: no
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Thanks for your order.
        """;
    String fromUs =
        """
        From: Support <support@hub.test>
        To: support@hub.test
        Subject: Re: Your order
        Message-ID: <self-1@hub.test>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Thanks for your order.
        """;

    // WHEN both come in
    for (String mail : List.of(forwarded, fromUs)) {
      assertThat(
              post(
                      mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8),
                      FakeConnectorContext.INGEST_TOKEN,
                      "message/rfc822")
                  .statusCode())
          .isEqualTo(201);
    }

    // THEN each is recorded as automated mail in a loop, so nothing answers or reopens on it
    for (String id : List.of("fwd-1@customer.example", "self-1@hub.test")) {
      InboundInteraction i = ctx.call(id).orElseThrow().interaction();
      assertThat(i.automated()).as(id).isTrue();
      assertThat(i.extras().getBoolean("loop")).as(id).isTrue();
      assertThat(i.identities()).as(id).noneMatch(x -> x.value().equals("support@hub.test"));
    }
  }

  @Test
  void encodedLineBreaksNeverReachHeaderValues() throws Exception {
    post(resource("bad/header-injection.eml"), FakeConnectorContext.INGEST_TOKEN, "message/rfc822");

    InboundInteraction i = ctx.call("injection-1@attacker.example").orElseThrow().interaction();
    assertThat(i.subject())
        .isEqualTo("Hello Bcc: victim@example.com body")
        .doesNotContain("\r", "\n");
    assertThat(i.identities().get(0).displayName()).doesNotContain("\r", "\n");
    assertThat(i.thread().references())
        .containsExactly("email:a@x.example", "email:evil@x.example");
  }

  @Test
  void hostileHtmlIsSanitized() throws Exception {
    post(resource("bad/hostile-html.eml"), FakeConnectorContext.INGEST_TOKEN, "message/rfc822");

    InboundInteraction i = ctx.call("hostile-1@attacker.example").orElseThrow().interaction();
    assertThat(i.html().toLowerCase())
        .doesNotContain("<script", "alert(", "onerror", "onload", "onclick", "javascript:")
        .doesNotContain("<form", "<input", "<iframe", "<svg", "<style", "style=", "data:image")
        .doesNotContain("evil.example")
        .contains("href=\"https://legit.example/page\"");
    assertThat(i.html()).contains("Thanks, Mallory");
    assertThat(i.text()).contains("Please see the invoice and this.").doesNotContain("alert");
  }

  private HttpResponse<Buffer> post(byte[] body, String token, String contentType)
      throws Exception {
    var request =
        client
            .post(ctx.port(), "127.0.0.1", "/channels/email/inbound")
            .putHeader("Content-Type", contentType);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.sendBuffer(Buffer.buffer(body)).await(30, TimeUnit.SECONDS);
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
  }

  private byte[] resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/mime/" + name)) {
      return in.readAllBytes();
    }
  }
}
