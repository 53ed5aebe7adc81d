package io.contacthub.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.LiveEvent;
import io.contacthub.connector.phone.ami.FakeAmiServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Calls reported by Asterisk over AMI, through the connector, onto the timeline and the stream. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class AmiCallFlowTest {

  private static final String CALL = "1700000000.1";

  @TempDir Path dataDir;
  private FakeAmiServer pbx;
  private PhoneHarness phone;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    pbx = FakeAmiServer.start(vertx, 0, "hub", "s3cret").await(10, TimeUnit.SECONDS);
    // Values as strings, the way environment overrides arrive.
    JsonObject ami =
        new JsonObject()
            .put("enabled", "true")
            .put("host", "127.0.0.1")
            .put("port", String.valueOf(pbx.port()))
            .put("username", "hub")
            .put("secret", "s3cret")
            .put("reconnectInitialMillis", "50")
            .put("reconnectMaxMillis", "400")
            .put("pingSeconds", "1");
    phone = PhoneHarness.start(vertx, PhoneHarness.config().put("ami", ami), dataDir);
    await().atMost(Duration.ofSeconds(10)).until(() -> pbx.logins() == 1);
  }

  @AfterEach
  void stop() throws Exception {
    phone.close();
    pbx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void queueCallPopsToMembersAndTheRungAgentThenEndsAnsweredByThem() {
    // WHEN a caller from outside reaches queue support, extension 202 rings and answers
    inboundCallJoinsQueue();
    pbx.send(
        channel("DialBegin", "PJSIP/trunk-00000001", CALL, "4915112345678", "4922147100"),
        "DestChannel: PJSIP/202-00000002",
        "DestCallerIDNum: 202",
        "DestUniqueid: 1700000000.2",
        "DestLinkedid: " + CALL,
        "DialString: 202");
    pbx.send(
        channel("AgentConnect", "PJSIP/trunk-00000001", CALL, "4915112345678", "4922147100"),
        "DestChannel: PJSIP/202-00000002",
        "Queue: support",
        "MemberName: Emma Taylor",
        "Interface: PJSIP/202",
        "RingTime: 3",
        "HoldTime: 5");
    pbx.send(
        channel("BridgeEnter", "PJSIP/202-00000002", "1700000000.2", "202", "s"),
        "BridgeUniqueid: b1",
        "BridgeNumChannels: 2");
    pbx.send(channel("QueueCallerLeave", "PJSIP/trunk-00000001", CALL, "x", "x"), "Queue: support");
    pbx.send(hangup("PJSIP/202-00000002", "1700000000.2"));
    pbx.send(hangup("PJSIP/trunk-00000001", CALL));

    // THEN the queue's members got the pop, then emma when her phone rang
    LiveEvent pop = phone.awaitEvent("screen_pop", 1);
    assertThat(pop.agents()).containsExactlyInAnyOrder("carol", "bob");
    assertThat(pop.payload().getString("queue")).isEqualTo("support");
    assertThat(phone.awaitEvent("screen_pop", 2).agents()).containsExactly("emma");
    // AND everyone who had it saw emma answer and the pop close
    LiveEvent update = phone.awaitEvent("screen_pop.update", 1);
    assertThat(update.agents()).containsExactlyInAnyOrder("carol", "bob", "emma");
    assertThat(update.payload().getString("answeredBy")).isEqualTo("emma");
    LiveEvent close = phone.awaitEvent("screen_pop.close", 1);
    assertThat(close.payload().getString("state")).isEqualTo("ended");
    // AND the call is one interaction under the Linkedid, started at the AMI timestamp
    await().atMost(Duration.ofSeconds(10)).until(() -> "ended".equals(state(CALL)));
    InboundInteraction call = phone.ctx.calls().get(0).interaction();
    assertThat(call.externalId()).isEqualTo(CALL);
    assertThat(call.occurredAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20.250Z"));
    assertThat(call.identities()).extracting(Identity::value).containsExactly("+4915112345678");
    JsonObject stored = phone.storedCall(CALL);
    assertThat(stored.getString("answeredBy")).isEqualTo("emma");
    assertThat(stored.getString("queue")).isEqualTo("support");
    assertThat(stored.getString("cause")).isEqualTo("normalClearing");
    assertThat(phone.ctx.callsFor(CALL)).isEqualTo(1);
    assertThat(phone.ctx.events("screen_pop.update")).hasSize(1);
  }

  @Test
  void callerWhoGivesUpInTheQueueIsAbandoned() {
    // WHEN
    inboundCallJoinsQueue();
    pbx.send(
        channel("QueueCallerAbandon", "PJSIP/trunk-00000001", CALL, "4915112345678", "4922147100"),
        "Queue: support",
        "Position: 1",
        "OriginalPosition: 1",
        "HoldTime: 45");
    pbx.send(hangup("PJSIP/trunk-00000001", CALL));

    // THEN
    await().atMost(Duration.ofSeconds(10)).until(() -> "abandoned".equals(state(CALL)));
    assertThat(phone.awaitEvent("screen_pop.close", 1).payload().getString("state"))
        .isEqualTo("missed");
  }

  @Test
  void callKeepsGoingAcrossADroppedConnection() {
    // GIVEN a ringing queue call
    inboundCallJoinsQueue();
    phone.awaitEvent("screen_pop", 1);

    // WHEN the AMI connection drops and comes back before the call ends
    pbx.dropAll();
    await().atMost(Duration.ofSeconds(10)).until(() -> pbx.logins() == 2);
    pbx.send(
        channel("DialEnd", "PJSIP/trunk-00000001", CALL, "4915112345678", "4922147100"),
        "DestChannel: PJSIP/205-00000003",
        "DestCallerIDNum: 205",
        "DialStatus: ANSWER");
    pbx.send(hangup("PJSIP/trunk-00000001", CALL));

    // THEN
    await().atMost(Duration.ofSeconds(10)).until(() -> "ended".equals(state(CALL)));
    assertThat(phone.storedCall(CALL).getString("answeredBy")).isEqualTo("carol");
  }

  @Test
  void outboundCallFromAnExtensionIsRecordedWithoutPop() {
    // WHEN extension 201 calls a customer
    pbx.send(channel("Newchannel", "PJSIP/201-00000010", "1700000100.1", "201", "00493023125741"));
    pbx.send(
        channel("DialEnd", "PJSIP/201-00000010", "1700000100.1", "201", "00493023125741"),
        "DestChannel: PJSIP/trunk-00000011",
        "DialStatus: ANSWER");
    pbx.send(hangup("PJSIP/201-00000010", "1700000100.1"));

    // THEN
    await().atMost(Duration.ofSeconds(10)).until(() -> "ended".equals(state("1700000100.1")));
    InboundInteraction call = phone.ctx.calls().get(0).interaction();
    assertThat(call.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(call.identities()).extracting(Identity::value).containsExactly("+493023125741");
    assertThat(phone.ctx.events()).isEmpty();
  }

  @Test
  void callBetweenTwoExtensionsIsNotACustomerCall() {
    // WHEN 201 calls 202, then a customer call follows
    pbx.send(channel("Newchannel", "PJSIP/201-00000020", "1700000200.1", "201", "202"));
    pbx.send(
        channel("DialBegin", "PJSIP/201-00000020", "1700000200.1", "201", "202"),
        "DestChannel: PJSIP/202-00000021");
    pbx.send(hangup("PJSIP/201-00000020", "1700000200.1"));
    inboundCallJoinsQueue();

    // THEN only the customer call is on the timeline
    phone.awaitEvent("screen_pop", 1);
    assertThat(phone.ctx.calls())
        .extracting(c -> c.interaction().externalId())
        .containsExactly(CALL);
  }

  private void inboundCallJoinsQueue() {
    pbx.send(
        channel("Newchannel", "PJSIP/trunk-00000001", CALL, "4915112345678", "4922147100"),
        "Timestamp: 1700000000.250000");
    pbx.send(
        channel("QueueCallerJoin", "PJSIP/trunk-00000001", CALL, "4915112345678", "4922147100"),
        "Timestamp: 1700000000.300000",
        "Queue: support",
        "Position: 1",
        "Count: 1");
  }

  private String state(String callId) {
    JsonObject call = phone.storedCall(callId);
    return call == null ? null : call.getString("state");
  }

  /** The channel fields every call event starts with, as Asterisk writes them. */
  private static String channel(
      String event, String channel, String uniqueId, String callerIdNum, String exten) {
    return String.join(
        "\r\n",
        "Event: " + event,
        "Privilege: call,all",
        "Channel: " + channel,
        "ChannelState: 6",
        "ChannelStateDesc: Up",
        "CallerIDNum: " + callerIdNum,
        "CallerIDName: <unknown>",
        "ConnectedLineNum: <unknown>",
        "ConnectedLineName: <unknown>",
        "Language: en",
        "AccountCode: ",
        "Context: from-trunk",
        "Exten: " + exten,
        "Priority: 1",
        "Uniqueid: " + uniqueId,
        "Linkedid: " + (uniqueId.startsWith("1700000000.") ? CALL : uniqueId));
  }

  private static String hangup(String channelName, String uniqueId) {
    return channel("Hangup", channelName, uniqueId, "x", "x")
        + "\r\nCause: 16\r\nCause-txt: Normal Clearing";
  }
}
