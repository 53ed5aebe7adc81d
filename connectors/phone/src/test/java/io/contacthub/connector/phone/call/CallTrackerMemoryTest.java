package io.contacthub.connector.phone.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.phone.PhoneNumbers;
import io.contacthub.connector.phone.pop.AgentTargeting;
import io.contacthub.connector.phone.pop.ScreenPops;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The tracker remembers calls within bounds, and a forgotten call is rebuilt, not lost. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class CallTrackerMemoryTest {

  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2024-03-05T09:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @TempDir Path dataDir;
  private final MovableClock clock = new MovableClock();
  private FakeConnectorContext ctx;
  private CallTracker tracker;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    ctx = FakeConnectorContext.builder(vertx).dataDir(dataDir).start().await(10, TimeUnit.SECONDS);
    PhoneNumbers numbers = new PhoneNumbers("DE", 6);
    AgentTargeting targeting = new AgentTargeting(ctx, Map.of());
    tracker =
        new CallTracker(
            ctx,
            new CallInteractions(numbers),
            new ScreenPops(ctx, targeting, numbers, 20),
            targeting,
            clock,
            3,
            Duration.ofHours(1),
            Duration.ofHours(12));
  }

  @AfterEach
  void stop() throws Exception {
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void remembersAtMostTheConfiguredNumberOfCallsOldestFirstOut() throws Exception {
    // WHEN four calls ring with room for three
    for (String id : List.of("c1", "c2", "c3", "c4")) {
      handle(ring(id));
    }

    // THEN
    assertThat(tracker.size()).isEqualTo(3);
    assertThat(tracker.current("c1")).isNull();
    assertThat(tracker.current("c4").state()).isEqualTo(CallState.RINGING);
  }

  @Test
  void forgetsEndedCallsAfterAnHourAndActiveOnesAfterTwelve() throws Exception {
    // GIVEN an ended call and a call still talking
    handle(ring("ended"));
    handle(event(CallEvent.Type.HANGUP, "ended", "noAnswer"));
    handle(ring("talking"));
    handle(event(CallEvent.Type.ANSWER, "talking", null));

    // WHEN an hour passes
    clock.advance(Duration.ofMinutes(61));
    handle(ring("later"));

    // THEN
    assertThat(tracker.current("ended")).isNull();
    assertThat(tracker.current("talking")).isNotNull();

    // AND WHEN half a day passes
    clock.advance(Duration.ofHours(12));
    handle(ring("much-later"));

    // THEN
    assertThat(tracker.current("talking")).isNull();
  }

  @Test
  void hangupOfAForgottenCallUpdatesTheStoredOne() throws Exception {
    // GIVEN a call that rang, then was forgotten
    handle(ring("c1"));
    handle(ring("c2"));
    handle(ring("c3"));
    handle(ring("c4"));
    assertThat(tracker.current("c1")).isNull();

    // WHEN its hangup arrives
    CallTracker.Outcome outcome = handle(event(CallEvent.Type.HANGUP, "c1", "cancel"));

    // THEN the hub's interaction is brought up to date, not duplicated
    assertThat(outcome).isEqualTo(CallTracker.Outcome.RECONSTRUCTED);
    assertThat(ctx.callsFor("c1")).isEqualTo(2);
    assertThat(ctx.calls().stream().filter(c -> c.accepted().duplicate()).count()).isEqualTo(1);
    assertThat(
            ctx.interaction(Channel.PHONE, "c1")
                .getJsonObject("extras")
                .getJsonObject("call")
                .getString("state"))
        .isEqualTo("abandoned");
  }

  private CallTracker.Outcome handle(CallEvent e) throws Exception {
    return tracker.handle(e).await(10, TimeUnit.SECONDS);
  }

  private CallEvent ring(String id) {
    return event(CallEvent.Type.RING, id, null);
  }

  private CallEvent event(CallEvent.Type type, String id, String cause) {
    return new CallEvent(
        type,
        id,
        clock.instant(),
        Direction.INBOUND,
        "4915112345678",
        "4922",
        null,
        List.of(),
        null,
        cause);
  }
}
