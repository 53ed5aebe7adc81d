package io.contacthub.hub.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.engine.CallView;
import io.contacthub.hub.routing.metrics.AgentCounts;
import io.contacthub.hub.routing.metrics.Figures;
import io.contacthub.hub.routing.metrics.QueueStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every queue metric on small arrival streams, against values worked out by hand in the comments.
 * Queue "support": service level 20 s, short abandon 5 s, wrap-up 30 s.
 */
@Timeout(30)
class QueueMetricsTest {

  private final EngineFixture f =
      new EngineFixture(
          new JsonObject()
              .put("stickyWaitSeconds", 0)
              .put("offerTimeoutSeconds", 120)
              .put("wrapUpSeconds", 30)
              .put("shortAbandonSeconds", 5)
              .put("statsWindowMinutes", 60)
              .put(
                  "queues",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("name", "support")
                              .put("serviceLevelSeconds", 20)
                              .put("serviceLevelPercent", 80))));

  private QueueStats.Row support() {
    return f.stats().queues().get(0);
  }

  @Test
  void messagingStreamWithAnswersAbandonsAndAShortAbandon() {
    f.agent("ann", Set.of(), Map.of(Channel.WEBCHAT, 1), Presence.AVAILABLE);
    f.agent("bob", Set.of(), Map.of(), Presence.AWAY);

    f.arrive("c1", Channel.WEBCHAT); // t=0, offered to ann
    f.at(10).engine.accept("ann", "c1"); // answered after 10 s (within 20 s)
    f.at(12).arrive("c2", Channel.WEBCHAT); // waits: ann is full
    f.at(15).arrive("c3", Channel.WEBCHAT);
    f.at(18).engine.conversationResolved("c3"); // abandoned after 3 s: short
    f.at(40).engine.conversationResolved("c1"); // handled 40 - 10 = 30 s; c2 offered to ann
    f.at(45).engine.accept("ann", "c2"); // answered after 45 - 12 = 33 s (late)
    f.at(50).arrive("c4", Channel.WEBCHAT);
    f.at(60).engine.conversationResolved("c4"); // abandoned after 10 s
    f.at(61).arrive("c5", Channel.WEBCHAT);
    f.at(70);

    Figures t = support().total();
    assertThat(t.waiting()).isEqualTo(1); // c5
    assertThat(t.longestWaitSeconds()).isEqualTo(9.0); // 70 - 61
    assertThat(t.answered()).isEqualTo(2);
    assertThat(t.answeredInThreshold()).isEqualTo(1);
    assertThat(t.abandoned()).isEqualTo(1);
    assertThat(t.shortAbandoned()).isEqualTo(1);
    assertThat(t.serviceLevelPercent()).isEqualTo(33.33); // 1 / (2 + 1)
    assertThat(t.averageSpeedOfAnswerSeconds()).isEqualTo(21.5); // (10 + 33) / 2
    assertThat(t.abandonRatePercent()).isEqualTo(33.33); // 1 / (2 + 1)
    assertThat(t.handled()).isEqualTo(1);
    assertThat(t.averageHandleSeconds()).isEqualTo(30.0);
    assertThat(support().channels().get(Channel.WEBCHAT)).isEqualTo(t);
    assertThat(f.stats().channels().get(Channel.WEBCHAT)).isEqualTo(t);
    // ann holds c2: busy; bob away. Occupancy: 1 busy / 1 staffed.
    assertThat(support().agents()).isEqualTo(new AgentCounts(0, 1, 0, 1, 0, 100.0));
  }

  @Test
  void perChannelFiguresSplitAndTheWindowForgets() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    f.arrive("e1", Channel.EMAIL);
    f.at(30).engine.accept("ann", "e1"); // email answered after 30 s (late)
    f.arrive("w1", Channel.WEBCHAT);
    f.at(35).engine.accept("ann", "w1"); // webchat answered after 5 s

    QueueStats.Row row = support();
    assertThat(row.channels().get(Channel.EMAIL).serviceLevelPercent()).isEqualTo(0.0);
    assertThat(row.channels().get(Channel.WEBCHAT).serviceLevelPercent()).isEqualTo(100.0);
    assertThat(row.total().serviceLevelPercent()).isEqualTo(50.0);
    assertThat(row.total().averageSpeedOfAnswerSeconds()).isEqualTo(17.5);
    assertThat(row.agents().occupancyPercent()).isEqualTo(100.0);

    f.at(30 + 3601); // e1's answer (at 30) leaves the hour window; w1's (at 35) is still in it
    assertThat(support().total().answered()).isEqualTo(1);
    f.at(35 + 3602);
    assertThat(support().total().answered()).isZero();
    assertThat(support().total().serviceLevelPercent()).isNull();
  }

  @Test
  void callsAnsweredAbandonedAndHandledWithWrapUp() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    Instant t0 = EngineFixture.T0;
    call("k1", "ringing", t0, null, null, null);
    f.at(8);
    assertThat(support().channels().get(Channel.PHONE).waiting()).isEqualTo(1);
    call("k1", "answered", t0, t0.plusSeconds(8), null, "ann"); // answered after 8 s
    call("k2", "ringing", t0.plusSeconds(8), null, null, null);
    f.at(20);
    call("k2", "abandoned", t0.plusSeconds(8), null, t0.plusSeconds(20), null); // 12 s
    f.at(68);
    call("k1", "ended", t0, t0.plusSeconds(8), t0.plusSeconds(68), "ann"); // talk 60 s
    assertThat(f.engine.state().agent("ann").orElseThrow().presence()).isEqualTo(Presence.WRAP_UP);
    assertThat(support().agents().wrapUp()).isEqualTo(1);
    f.at(97);
    assertThat(support().total().handled()).as("handled once the wrap-up ends").isZero();
    f.at(98); // wrap-up 68 .. 98 = 30 s

    Figures phone = support().channels().get(Channel.PHONE);
    assertThat(f.engine.state().agent("ann").orElseThrow().presence())
        .isEqualTo(Presence.AVAILABLE);
    assertThat(phone.answered()).isEqualTo(1);
    assertThat(phone.averageSpeedOfAnswerSeconds()).isEqualTo(8.0);
    assertThat(phone.abandoned()).isEqualTo(1);
    assertThat(phone.serviceLevelPercent()).isEqualTo(50.0); // 1 in 20 s / (1 + 1)
    assertThat(phone.averageHandleSeconds()).isEqualTo(90.0); // 60 talk + 30 wrap-up
    assertThat(phone.waiting()).isZero();
  }

  @Test
  void wrapUpEndsEarlyWhenTheAgentSaysAvailable() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    Instant t0 = EngineFixture.T0;
    call("k1", "answered", t0, t0, null, "ann");
    f.at(40);
    call("k1", "ended", t0, t0, t0.plusSeconds(40), "ann"); // talk 40 s
    f.at(50).engine.setPresence("ann", Presence.AVAILABLE); // wrap-up 10 s
    f.collect();

    assertThat(support().total().averageHandleSeconds()).isEqualTo(50.0);
  }

  @Test
  void historyCallsAreNotCounted() {
    Instant t0 = EngineFixture.T0;
    call("old", "ended", t0.minusSeconds(500), t0.minusSeconds(490), t0.minusSeconds(400), "x");
    assertThat(support().total().answered()).isZero();
  }

  private void call(
      String id, String state, Instant started, Instant answered, Instant ended, String by) {
    f.engine.callChanged(
        new CallView(id, "conv-" + id, "cust", true, null, state, started, answered, ended, by));
    f.collect();
  }
}
