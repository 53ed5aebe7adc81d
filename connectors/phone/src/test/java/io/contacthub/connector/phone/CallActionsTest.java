package io.contacthub.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.phone.call.UnknownCallException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Recordings added to a call after it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class CallActionsTest extends PhoneHarnessTest {

  @Test
  void recordingOfACallThisConnectorForgotUsesTheCallTheHubPasses(Vertx vertx, @TempDir Path other)
      throws Exception {
    // GIVEN a missed call the hub has, and a connector that never saw it (restarted since)
    phone.postForm("event=newCall&from=4915112345678&to=4922&direction=in&callId=c2");
    phone.postForm("event=hangup&callId=c2&cause=noAnswer");
    JsonObject hubCopy = phone.storedCall("c2");
    PhoneHarness fresh = PhoneHarness.start(vertx, PhoneHarness.config(), other);
    try {
      fresh.ctx.ingest(phone.ctx.calls().get(0).interaction()).await(10, TimeUnit.SECONDS);

      // WHEN the recording arrives with the call as the hub has it
      JsonObject call =
          fresh
              .connector
              .calls()
              .setRecording("c2", hubCopy, "https://pbx.example.com/r/c2.wav")
              .await(10, TimeUnit.SECONDS);

      // THEN the recording is added to that call, keeping its outcome
      assertThat(call.getString("state")).isEqualTo("missed");
      assertThat(fresh.storedCall("c2").getString("state")).isEqualTo("missed");
      assertThat(fresh.storedCall("c2").getString("recordingUrl"))
          .isEqualTo("https://pbx.example.com/r/c2.wav");
    } finally {
      fresh.close();
    }
  }

  @Test
  void unknownCallAndBadUrlAreRefused() throws Exception {
    // WHEN
    var unknown = phone.connector.calls().setRecording("nope", null, "https://pbx/r.wav");
    var empty = phone.connector.calls().setRecording("nope", null, " ");

    // THEN
    assertThat(unknown.toCompletionStage().toCompletableFuture())
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(UnknownCallException.class);
    assertThat(empty.toCompletionStage().toCompletableFuture())
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pbxReportsTheRecordingWithTheCtiToken() throws Exception {
    // GIVEN an ended call
    phone.postForm("event=newCall&from=4915112345678&to=4922&direction=in&callId=c3");
    phone.postForm("event=hangup&callId=c3&cause=noAnswer");

    // WHEN the PBX posts where the recording is, once right, once without the token
    HttpResponse<Buffer> ok =
        recording("c3", PhoneHarness.CTI_TOKEN, "https://pbx.example.com/r/c3.wav");
    HttpResponse<Buffer> noToken = recording("c3", "wrong", "https://pbx.example.com/r/x.wav");
    HttpResponse<Buffer> unknown = recording("zz", PhoneHarness.CTI_TOKEN, "https://pbx/r.wav");
    HttpResponse<Buffer> notUrl = recording("c3", PhoneHarness.CTI_TOKEN, "javascript:alert(1)");

    // THEN
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(phone.storedCall("c3").getString("recordingUrl"))
        .isEqualTo("https://pbx.example.com/r/c3.wav");
    CtiWebhookTest.assertProblem(noToken, 401, "Bearer");
    CtiWebhookTest.assertProblem(unknown, 404, "no call zz");
    CtiWebhookTest.assertProblem(notUrl, 400, "http or https");
  }

  private HttpResponse<Buffer> recording(String callId, String token, String url) throws Exception {
    return phone
        .web
        .post("/channels/phone/calls/" + callId + "/recording")
        .putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("url", url))
        .await(10, TimeUnit.SECONDS);
  }
}
