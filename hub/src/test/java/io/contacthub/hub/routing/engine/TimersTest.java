package io.contacthub.hub.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.routing.MutableClock;
import io.contacthub.hub.routing.RoutingConfig;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.journal.RoutingRecord;
import io.contacthub.hub.routing.journal.RoutingSnapshot;
import io.contacthub.hub.routing.work.ItemState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine's timers through the due-time index, on a hand-moved clock: each notice at its moment,
 * once; an item that resolves or gets its first response is not looked at for what no longer
 * applies; the index is right over a loaded state and on a replica that applied entries. Queue
 * "email" (the catch-all): first response 100 s, resolution 1000 s, warning at 80 %.
 */
@Timeout(30)
class TimersTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private final RoutingConfig config =
      RoutingConfig.from(
          new JsonObject()
              .put("slaWarningPercent", 80)
              .put("offerTimeoutSeconds", 30)
              .put("stickyWaitSeconds", 20)
              .put("wrapUpSeconds", 30)
              .put(
                  "queues",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("name", "email")
                              .put("firstResponseSeconds", 100)
                              .put("resolutionSeconds", 1000))));
  private final MutableClock clock = new MutableClock(T0);
  private final List<Changes.Event> events = new ArrayList<>();
  private RoutingEngine engine = new RoutingEngine(config, new RoutingState(), clock);

  @Test
  void slaNoticesFireOnceAtTheirMomentAndTheNextOneIsTimed() {
    arrive("c1", Channel.EMAIL);
    assertThat(nextLook("c1")).isEqualTo(T0.plusSeconds(80));

    atMillis(79_999);
    assertThat(sla("sla.warning")).isEmpty();
    atMillis(80_000);
    assertThat(sla("sla.warning")).containsExactly("c1:firstResponse");
    assertThat(nextLook("c1")).isEqualTo(T0.plusSeconds(100));
    atMillis(80_250);
    atMillis(99_999);
    assertThat(sla("sla.warning")).hasSize(1);
    assertThat(sla("sla.breached")).isEmpty();
    atMillis(100_000);
    atMillis(100_250);
    assertThat(sla("sla.breached")).containsExactly("c1:firstResponse");
    assertThat(nextLook("c1")).as("the resolution warning").isEqualTo(T0.plusSeconds(800));
  }

  @Test
  void aResolvedConversationLeavesTheIndexAndSendsNothing() {
    arrive("c1", Channel.EMAIL);
    arrive("c2", Channel.EMAIL);
    assertThat(engine.timers().itemsTimed()).isEqualTo(2);

    atMillis(10_000);
    engine.conversationResolved("c1");
    assertThat(nextLook("c1")).isNull();
    assertThat(engine.timers().itemsTimed()).isEqualTo(1);

    atMillis(2_000_000);
    assertThat(sla("sla.breached")).containsExactly("c2:firstResponse", "c2:resolution");
    assertThat(sla("sla.warning")).isEmpty();
    assertThat(nextLook("c2")).as("nothing left to send").isNull();
  }

  @Test
  void aFirstResponseMovesTheNextLookToTheResolutionTarget() {
    arrive("c1", Channel.EMAIL);
    atMillis(10_000);
    engine.responded("c1");
    assertThat(nextLook("c1")).isEqualTo(T0.plusSeconds(800));

    atMillis(100_000);
    atMillis(799_999);
    assertThat(sla("sla.warning")).isEmpty();
    assertThat(sla("sla.breached")).isEmpty();
    atMillis(800_000);
    assertThat(sla("sla.warning")).containsExactly("c1:resolution");
  }

  @Test
  void anOfferExpiresOnceAtItsMoment() {
    agent("ann", Map.of(), Presence.AVAILABLE);
    arrive("c1", Channel.WEBCHAT);
    assertThat(nextLook("c1")).as("the offer, before the SLA").isEqualTo(T0.plusSeconds(30));

    atMillis(29_999);
    assertThat(item("c1").state()).isEqualTo(ItemState.OFFERED);
    atMillis(30_000);
    atMillis(30_250);
    assertThat(ofType("assignment.revoked")).containsExactly("c1");
    assertThat(item("c1").state()).isEqualTo(ItemState.WAITING);
    assertThat(engine.state().agent("ann").orElseThrow().presence()).isEqualTo(Presence.AWAY);
  }

  @Test
  void aDeclineLeavesRoomThatTheNextTickOffers() {
    agent("ann", Map.of(Channel.WEBCHAT, 1), Presence.AVAILABLE);
    clock.advanceSeconds(1);
    agent("bob", Map.of(Channel.WEBCHAT, 1), Presence.AVAILABLE);
    arrive("c1", Channel.WEBCHAT); // ann
    arrive("c2", Channel.WEBCHAT); // bob
    arrive("c3", Channel.WEBCHAT); // both full
    atMillis(1_000); // the first tick's pass over the backlog: nothing can move
    assertThat(item("c3").state()).isEqualTo(ItemState.WAITING);

    engine.decline("ann", "c1"); // c1 cannot go back to ann and bob is full
    assertThat(item("c3").state()).isEqualTo(ItemState.WAITING);
    atMillis(1_250);
    assertThat(item("c3").agent()).isEqualTo("ann");
    assertThat(item("c1").state()).isEqualTo(ItemState.WAITING);
  }

  @Test
  void timersAreBuiltFromALoadedState() throws IOException {
    String snapshot = stateWithEveryTimer();
    RoutingState loaded = new RoutingState();
    RoutingSnapshot.read(snapshot.lines(), loaded);
    loaded.drain();
    engine = new RoutingEngine(config, loaded, clock);

    everyTimerFiresOnce();
  }

  @Test
  void aReplicaTimesWhatItsJournalEntriesBring() throws IOException {
    String entries = stateWithEveryTimer();
    engine = new RoutingEngine(config, new RoutingState(), clock);
    entries.lines().forEach(e -> RoutingRecord.apply(new JsonObject(e), engine.state()));
    engine.state().drain();

    everyTimerFiresOnce();
  }

  /**
   * At 20 s: c1 (email) waits, first response warning due at 80 s; c2 (webchat) is offered to ann
   * until 40 s; bob's wrap-up after a call ends at 50 s.
   */
  private String stateWithEveryTimer() throws IOException {
    agent("ann", Map.of(Channel.WEBCHAT, 1, Channel.EMAIL, 0), Presence.AVAILABLE);
    agent("bob", Map.of(Channel.WEBCHAT, 0, Channel.EMAIL, 0), Presence.AVAILABLE);
    arrive("c1", Channel.EMAIL);
    call("k1", "answered", null, "bob");
    clock.advanceSeconds(10);
    arrive("c2", Channel.WEBCHAT);
    assertThat(item("c2").agent()).isEqualTo("ann");
    clock.advanceSeconds(10);
    call("k1", "ended", clock.instant(), "bob");
    assertThat(engine.state().agent("bob").orElseThrow().presence()).isEqualTo(Presence.WRAP_UP);
    ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
    RoutingSnapshot.write(RoutingSnapshot.freeze(engine.state()), snapshot);
    events.clear();
    return snapshot.toString(StandardCharsets.UTF_8);
  }

  private void everyTimerFiresOnce() {
    assertThat(nextLook("c1")).isEqualTo(T0.plusSeconds(80));
    assertThat(nextLook("c2")).isEqualTo(T0.plusSeconds(40));

    atMillis(39_999);
    assertThat(events).isEmpty();
    atMillis(40_000);
    atMillis(40_250);
    assertThat(ofType("assignment.revoked")).containsExactly("c2");
    assertThat(engine.state().agent("ann").orElseThrow().presence()).isEqualTo(Presence.AWAY);

    atMillis(49_999);
    assertThat(engine.state().agent("bob").orElseThrow().presence()).isEqualTo(Presence.WRAP_UP);
    atMillis(50_000);
    assertThat(engine.state().agent("bob").orElseThrow().presence()).isEqualTo(Presence.AVAILABLE);

    atMillis(79_999);
    assertThat(sla("sla.warning")).isEmpty();
    atMillis(80_000);
    atMillis(80_250);
    assertThat(sla("sla.warning")).containsExactly("c1:firstResponse");
  }

  private void atMillis(long sinceT0) {
    clock.advance(Duration.between(clock.instant(), T0.plusMillis(sinceT0)));
    engine.tick();
    collect();
  }

  private void collect() {
    events.addAll(engine.state().drain().events());
  }

  private void agent(String login, Map<Channel, Integer> capacity, Presence p) {
    engine.setProfile(login, Set.of(), capacity);
    engine.setPresence(login, p);
    collect();
  }

  private void arrive(String id, Channel channel) {
    engine.conversationOpened(
        new RoutingEngine.Arrival(id, "cust-" + id, channel, null, null, null));
    collect();
  }

  private void call(String id, String state, Instant ended, String by) {
    engine.callChanged(
        new CallView(id, "conv-" + id, "cust", true, null, state, T0, T0, ended, by));
    collect();
  }

  private io.contacthub.hub.routing.work.WorkItem item(String conversationId) {
    return engine.state().openItemOf(conversationId).orElseThrow();
  }

  private Instant nextLook(String itemId) {
    return engine.timers().nextLookOf(itemId);
  }

  private List<String> ofType(String type) {
    return events.stream()
        .filter(e -> e.type().type().equals(type))
        .map(e -> e.payload().getString("conversationId"))
        .toList();
  }

  private List<String> sla(String type) {
    return events.stream()
        .filter(e -> e.type().type().equals(type))
        .filter(e -> e.audience().roles().contains(Role.SUPERVISOR))
        .map(e -> e.payload().getString("conversationId") + ":" + e.payload().getString("sla"))
        .toList();
  }
}
