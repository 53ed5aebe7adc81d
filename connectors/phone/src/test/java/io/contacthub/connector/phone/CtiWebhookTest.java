package io.contacthub.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.LiveEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic CTI webhook driven with the payloads of Zammad's generic CTI documentation, sent by a
 * real HTTP client: the call on the timeline and the screen-pops on the live stream.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class CtiWebhookTest extends PhoneHarnessTest {

  // Inbound examples of the documentation (newCall, answer and hangup of one call id).
  private static final String NEW_CALL_JSON =
      """
      {
         "event": "newCall",
         "from": "493023125741",
         "to": "492214710334",
         "direction": "in",
         "callId": "307fa962-de8d-4ffc-817b-7f6993204159",
         "user": ["Christopher Miller", "Emma Taylor"]
      }""";
  private static final String ANSWER_JSON =
      """
      {
         "event": "answer",
         "from": "493023125741",
         "to": "492214710334",
         "direction": "in",
         "callId": "307fa962-de8d-4ffc-817b-7f6993204159",
         "user": "Emma Taylor",
         "answeringNumber": "emma@chrispresso.com"
      }""";
  private static final String HANGUP_JSON =
      """
      {
         "event": "hangup",
         "from": "493023125741",
         "to": "492214710334",
         "direction": "in",
         "callId": "307fa962-de8d-4ffc-817b-7f6993204159",
         "user": "Emma Taylor",
         "answeringNumber": "emma@chrispresso.com",
         "cause": "normalClearing"
      }""";
  private static final String CALL_ID = "307fa962-de8d-4ffc-817b-7f6993204159";

  @Test
  void knownCallerPopsWithProfileAndHistoryToTheNamedAgents() throws Exception {
    // GIVEN a customer who wrote an email and whose number is on file
    String customerId =
        phone.seedCustomer("sebastian@example.com", "+493023125741", "My espresso machine leaks");

    // WHEN the phone system reports the ringing call
    HttpResponse<Buffer> r = phone.postJson(NEW_CALL_JSON);

    // THEN it gets Zammad's answer, and both named agents get the pop with the history
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject());
    LiveEvent pop = phone.awaitEvent("screen_pop", 1);
    assertThat(pop.agents()).containsExactlyInAnyOrder("chris", "emma");
    JsonObject p = pop.payload();
    assertThat(p.getString("callId")).isEqualTo(CALL_ID);
    assertThat(p.getString("state")).isEqualTo("ringing");
    assertThat(p.getString("direction")).isEqualTo("inbound");
    assertThat(p.getString("number")).isEqualTo("+493023125741");
    assertThat(p.getBoolean("unknownCaller")).isFalse();
    assertThat(p.getBoolean("withheld")).isFalse();
    assertThat(p.getJsonObject("customer").getString("customerId")).isEqualTo(customerId);
    assertThat(p.getJsonArray("conversations")).hasSize(1);
    assertThat(p.getJsonArray("history").getJsonObject(0).getString("text"))
        .isEqualTo("My espresso machine leaks");
    assertThat(p.getJsonArray("actions")).isEmpty();
    // AND the call is one interaction of the same customer, ringing
    InboundInteraction call = phone.ctx.calls().get(1).interaction();
    assertThat(call.externalId()).isEqualTo(CALL_ID);
    assertThat(call.kind().wireName()).isEqualTo("call");
    assertThat(call.identities())
        .containsExactly(Identity.of(IdentityType.PHONE, "+493023125741", false));
    assertThat(call.thread().keys()).containsExactly("phone:" + CALL_ID);
    assertThat(phone.ctx.calls().get(1).accepted().customerId()).isEqualTo(customerId);
    assertThat(phone.storedCall(CALL_ID).getString("state")).isEqualTo("ringing");
  }

  @Test
  void answerAndHangupUpdateAndCloseThePopOnEveryAgentWhoGotIt() throws Exception {
    // GIVEN a ringing call popped to chris and emma
    phone.postJson(NEW_CALL_JSON);
    phone.awaitEvent("screen_pop", 1);

    // WHEN emma answers and the call ends normally
    HttpResponse<Buffer> answered = phone.postJson(ANSWER_JSON);
    HttpResponse<Buffer> hungUp = phone.postJson(HANGUP_JSON);

    // THEN both agents see who answered, then the pop closes
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(hungUp.statusCode()).isEqualTo(200);
    LiveEvent update = phone.awaitEvent("screen_pop.update", 1);
    assertThat(update.agents()).containsExactlyInAnyOrder("chris", "emma");
    assertThat(update.payload())
        .isEqualTo(
            new JsonObject()
                .put("callId", CALL_ID)
                .put("state", "answered")
                .put("answeredBy", "emma"));
    LiveEvent close = phone.awaitEvent("screen_pop.close", 1);
    assertThat(close.agents()).containsExactlyInAnyOrder("chris", "emma");
    assertThat(close.payload().getString("state")).isEqualTo("ended");
    assertThat(close.payload().getString("cause")).isEqualTo("normalClearing");
    // AND the one interaction tells the whole call
    assertThat(phone.ctx.callsFor(CALL_ID)).isEqualTo(1);
    JsonObject call = phone.storedCall(CALL_ID);
    assertThat(call.getString("state")).isEqualTo("ended");
    assertThat(call.getString("answeredBy")).isEqualTo("emma");
    assertThat(call.getString("answeredAt")).isNotNull();
    assertThat(call.getString("endedAt")).isNotNull();
    assertThat(call.getLong("durationSeconds")).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(phone.ctx.interaction(Channel.PHONE, CALL_ID).getString("text"))
        .startsWith("Inbound call from +49 30 23125741 — answered by emma, ");
  }

  @Test
  void urlEncodedFormOfTheOriginalCurlExamplePopsToUserArray() throws Exception {
    // WHEN the form-encoded request of the documentation's curl example arrives
    HttpResponse<Buffer> r =
        phone.postForm(
            "event=newCall&from=493055571600&to=491711234567890&direction=in&callId=123456"
                + "&user[]=Alice&user[]=Bob");

    // THEN Alice and Bob get an unknown-caller pop with create/link actions
    assertThat(r.statusCode()).isEqualTo(200);
    LiveEvent pop = phone.awaitEvent("screen_pop", 1);
    assertThat(pop.agents()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(pop.payload().getBoolean("unknownCaller")).isTrue();
    assertThat(pop.payload().getValue("customer")).isNull();
    assertThat(pop.payload().getJsonArray("history")).isEmpty();
    assertThat(pop.payload().getJsonArray("actions"))
        .isEqualTo(new io.vertx.core.json.JsonArray().add("create_customer").add("link_customer"));
    assertThat(pop.payload().getString("number")).isEqualTo("+493055571600");
  }

  @Test
  void multipartFormDataAsCurlFormSendsItIsAccepted() throws Exception {
    // GIVEN the form-data example (curl --form strips the quotes around each value)
    MultipartForm form =
        MultipartForm.create()
            .attribute("event", "newCall")
            .attribute("from", "493023125741")
            .attribute("to", "492214710334")
            .attribute("direction", "in")
            .attribute("callId", "25641e3f-3317-4c48-80b3-fc573c7ffe2b")
            .attribute("user[]", "Christopher Miller")
            .attribute("user[]", "Emma Taylor");

    // WHEN
    HttpResponse<Buffer> r =
        phone.web.post(phone.ctiPath()).sendMultipartForm(form).await(10, TimeUnit.SECONDS);

    // THEN
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(phone.awaitEvent("screen_pop", 1).agents())
        .containsExactlyInAnyOrder("chris", "emma");
  }

  @Test
  void formValuesQuotedAsTheDocumentationListsThemMeanTheSame() throws Exception {
    // WHEN the values arrive with the quotes of the listing event:"newCall"
    HttpResponse<Buffer> r =
        phone.postForm(
            "event=%22newCall%22&from=%22493023125741%22&to=%22492214710334%22"
                + "&direction=%22in%22&callId=%2225641e3f%22&user[]=%22Emma%20Taylor%22");

    // THEN
    assertThat(r.statusCode()).isEqualTo(200);
    LiveEvent pop = phone.awaitEvent("screen_pop", 1);
    assertThat(pop.payload().getString("callId")).isEqualTo("25641e3f");
    assertThat(pop.agents()).containsExactly("emma");
  }

  @Test
  void withheldNumberGivesAWithheldPopAndNoIdentity() throws Exception {
    // WHEN
    HttpResponse<Buffer> r =
        phone.postForm("event=newCall&from=anonymous&to=492214710334&direction=in&callId=w1");

    // THEN
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject p = phone.awaitEvent("screen_pop", 1).payload();
    assertThat(p.getBoolean("withheld")).isTrue();
    assertThat(p.getBoolean("unknownCaller")).isTrue();
    assertThat(p.getValue("number")).isNull();
    InboundInteraction call = phone.ctx.calls().get(0).interaction();
    assertThat(call.identities()).isEmpty();
    assertThat(call.text()).isEqualTo("Inbound call from a withheld number — ringing");
  }

  @Test
  void replayedNewCallIsOneInteractionAndOnePop() throws Exception {
    // WHEN the same event arrives twice
    HttpResponse<Buffer> first = phone.postJson(NEW_CALL_JSON);
    HttpResponse<Buffer> again = phone.postJson(NEW_CALL_JSON);

    // THEN
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    phone.awaitEvent("screen_pop", 1);
    assertThat(phone.ctx.callsFor(CALL_ID)).isEqualTo(1);
    assertThat(phone.ctx.events("screen_pop")).hasSize(1);
    assertThat(phone.ctx.updates()).isEmpty();
  }

  @Test
  void replayedHangupChangesNothing() throws Exception {
    // GIVEN an ended call
    phone.postJson(NEW_CALL_JSON);
    phone.postJson(HANGUP_JSON.replace("normalClearing", "noAnswer"));
    int updates = phone.ctx.updates().size();

    // WHEN the hangup is sent again, and a late answer arrives
    HttpResponse<Buffer> again = phone.postJson(HANGUP_JSON.replace("normalClearing", "noAnswer"));
    HttpResponse<Buffer> late = phone.postJson(ANSWER_JSON);

    // THEN
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(phone.ctx.updates()).hasSize(updates);
    assertThat(phone.ctx.events("screen_pop.close")).hasSize(1);
    assertThat(phone.ctx.events("screen_pop.update")).isEmpty();
    assertThat(phone.storedCall(CALL_ID).getString("state")).isEqualTo("missed");
  }

  @Test
  void hangupWithoutNewCallRecordsTheCallAndSaysSo() throws Exception {
    // WHEN a hangup arrives for a call never seen ringing
    HttpResponse<Buffer> r = phone.postJson(HANGUP_JSON);

    // THEN it is recorded from what the hangup tells, with a warning, and pops nothing
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("warning"))
        .contains(CALL_ID)
        .contains("not seen ringing");
    JsonObject call = phone.storedCall(CALL_ID);
    assertThat(call.getString("state")).isEqualTo("ended");
    assertThat(call.getString("answeredBy")).isEqualTo("emma");
    assertThat(phone.ctx.events()).isEmpty();
  }

  @Test
  void missingCallIdIsABadRequest() throws Exception {
    // WHEN
    HttpResponse<Buffer> r =
        phone.postForm("event=newCall&from=493023125741&to=492214710334&direction=in");

    // THEN
    assertProblem(r, 400, "callId is required");
    assertThat(phone.ctx.calls()).isEmpty();
  }

  @Test
  void unknownEventIsABadRequestNamingTheKnownOnes() throws Exception {
    // WHEN
    HttpResponse<Buffer> r = phone.postForm("event=transfer&callId=1&direction=in");

    // THEN
    assertProblem(r, 400, "unknown event 'transfer'; expected newCall, answer or hangup");
    assertThat(phone.ctx.calls()).isEmpty();
  }

  @Test
  void wrongTokenIsForbiddenAndTouchesNothing() throws Exception {
    // WHEN
    HttpResponse<Buffer> r =
        phone
            .web
            .post("/channels/phone/cti/not-the-token")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(NEW_CALL_JSON))
            .await(10, TimeUnit.SECONDS);

    // THEN
    assertProblem(r, 403, "the token in the URL is not the CTI token");
    assertThat(phone.ctx.calls()).isEmpty();
    assertThat(phone.ctx.events()).isEmpty();
    // AND the endpoint still works for the right token
    assertThat(phone.postJson(NEW_CALL_JSON).statusCode()).isEqualTo(200);
  }

  @Test
  void bodyThatIsNeitherFormNorJsonIsRefused() throws Exception {
    // WHEN
    HttpResponse<Buffer> text =
        phone
            .web
            .post(phone.ctiPath())
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer("newCall"))
            .await(10, TimeUnit.SECONDS);
    HttpResponse<Buffer> brokenJson = phone.postJson("{\"event\": ");

    // THEN
    assertProblem(text, 415, "application/x-www-form-urlencoded");
    assertProblem(brokenJson, 400, "not a JSON object");
  }

  @Test
  void queueCallWithoutNamedAgentsPopsToTheQueueMembers() throws Exception {
    // WHEN
    phone.postForm(
        "event=newCall&from=4915112345678&to=492214710334&direction=in&callId=q1&queue=support");

    // THEN carol (by login) and bob (by extension 204)
    LiveEvent pop = phone.awaitEvent("screen_pop", 1);
    assertThat(pop.agents()).containsExactlyInAnyOrder("carol", "bob");
    assertThat(pop.payload().getString("queue")).isEqualTo("support");
  }

  @Test
  void callForNobodyInParticularPopsToEveryAvailableAgent() throws Exception {
    // WHEN neither user[] nor a configured queue names anyone
    phone.postForm(
        "event=newCall&from=4915112345678&to=492214710334&direction=in&callId=e1&queue=sales"
            + "&user[]=Nobody%20Here");

    // THEN the pop goes to every available agent (all of them here), by name
    assertThat(phone.awaitEvent("screen_pop", 1).agents())
        .containsExactlyInAnyOrder("chris", "emma", "alice", "bob", "carol");
  }

  @Test
  void unansweredCallsAreMissedOrAbandoned() throws Exception {
    // GIVEN two ringing calls
    phone.postForm("event=newCall&from=4915112345678&to=4922&direction=in&callId=m1");
    phone.postForm("event=newCall&from=4915112345679&to=4922&direction=in&callId=a1");

    // WHEN nobody answers one, and the other caller gives up
    phone.postForm("event=hangup&callId=m1&direction=in&cause=noAnswer");
    phone.postForm("event=hangup&callId=a1&direction=in&cause=cancel");

    // THEN
    assertThat(phone.storedCall("m1").getString("state")).isEqualTo("missed");
    assertThat(phone.storedCall("a1").getString("state")).isEqualTo("abandoned");
    assertThat(phone.ctx.interaction(Channel.PHONE, "m1").getString("text"))
        .isEqualTo("Inbound call from +49 1511 2345678 — missed (noAnswer)");
    assertThat(phone.ctx.events("screen_pop.close"))
        .extracting(e -> e.payload().getString("state"))
        .containsExactly("missed", "missed");
  }

  @Test
  void outboundCallIsRecordedUnderTheCalleeWithoutPop() throws Exception {
    // WHEN the documentation's outbound example arrives
    phone.postJson(
        """
        {
           "event": "newCall",
           "from": "493023125741",
           "to": "492214710334",
           "direction": "out",
           "callId": "f4ebd2be-7b9a-4d58-94c2-eb06a3c2ce76",
           "user": "Christopher Miller"
        }""");

    // THEN
    InboundInteraction call = phone.ctx.calls().get(0).interaction();
    assertThat(call.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(call.identities()).extracting(Identity::value).containsExactly("+492214710334");
    assertThat(phone.ctx.events()).isEmpty();
  }

  @Test
  void eventTheHubCannotStoreIsRetryableAndTheRetryStoresIt() throws Exception {
    // GIVEN a hub whose log is down
    phone.ctx.failIngest(new IllegalStateException("log unavailable"));

    // WHEN the ring arrives, then the hub recovers and the phone system sends it again
    HttpResponse<Buffer> failed = phone.postJson(NEW_CALL_JSON);
    phone.ctx.failIngest(null);
    HttpResponse<Buffer> retried = phone.postJson(NEW_CALL_JSON);

    // THEN the first was refused retryably, the retry stored the call, and one pop went out
    assertProblem(failed, 503, "send the event again");
    assertThat(failed.getHeader("Retry-After")).isEqualTo("5");
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(phone.storedCall(CALL_ID).getString("state")).isEqualTo("ringing");
    assertThat(phone.ctx.events("screen_pop")).hasSize(1);
  }

  @Test
  void endpointIsOffWithoutAToken(Vertx vertx, @TempDir Path other) throws Exception {
    // GIVEN a connector without phone.ctiToken
    PhoneHarness off = PhoneHarness.start(vertx, new JsonObject(), other);
    try {
      // WHEN
      HttpResponse<Buffer> r =
          off.web
              .post("/channels/phone/cti/")
              .putHeader("Content-Type", "application/json")
              .sendBuffer(Buffer.buffer(NEW_CALL_JSON))
              .await(10, TimeUnit.SECONDS);
      HttpResponse<Buffer> guessed =
          off.web
              .post("/channels/phone/cti/x")
              .putHeader("Content-Type", "application/json")
              .sendBuffer(Buffer.buffer(NEW_CALL_JSON))
              .await(10, TimeUnit.SECONDS);

      // THEN
      assertThat(r.statusCode()).isEqualTo(404);
      assertProblem(guessed, 403, "HUB_PHONE_CTI_TOKEN");
      assertThat(off.ctx.calls()).isEmpty();
    } finally {
      off.close();
    }
  }

  static void assertProblem(HttpResponse<Buffer> r, int status, String detailPart) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = r.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("type")).isEqualTo("about:blank");
    assertThat(problem.getString("detail")).contains(detailPart);
  }
}
