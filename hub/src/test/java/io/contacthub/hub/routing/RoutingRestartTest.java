package io.contacthub.hub.routing;

import static io.contacthub.hub.InProcessHubs.await;
import static io.contacthub.hub.InProcessHubs.chat;
import static io.contacthub.hub.InProcessHubs.openItem;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Channel;
import io.contacthub.hub.Hub;
import io.contacthub.hub.InProcessHubs;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.work.ItemState;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub on real files, stopped in the middle: queued conversations, assignments and SLA timers
 * come back, from the snapshot and from the journal alone, and the timers still fire on time.
 */
@Timeout(90)
class RoutingRestartTest {

  @TempDir Path data;
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void queuedAssignedAndTimersSurviveRestarts() throws Exception {
    String a;
    String b;
    Instant bDue;
    try (Hub hub = Hub.open(vertx, InProcessHubs.config(data), clock)) {
      await(
          hub.routing()
              .execute(new RoutingCommand.SetProfile("ann", Set.of(), Map.of(Channel.WEBCHAT, 1))));
      await(hub.routing().execute(new RoutingCommand.SetPresence("ann", Presence.AVAILABLE)));
      a = await(hub.ingest().ingest(chat("m-1", "v-1"))).conversationId();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> openItem(hub, a) != null);
      await(hub.routing().execute(new RoutingCommand.AnswerOffer("ann", a, true)));
      clock.advanceSeconds(30);
      Accepted second = await(hub.ingest().ingest(chat("m-2", "v-2")));
      b = second.conversationId();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> openItem(hub, b) != null);
      bDue = openItem(hub, b).firstResponseDue();
      assertThat(bDue).isEqualTo(clock.instant().plusSeconds(100));
      clock.advanceSeconds(50);
    }

    for (int restart = 0; restart < 2; restart++) {
      if (restart == 1) {
        // Without the snapshot the journal alone must rebuild the same state.
        Files.delete(data.resolve("routing").resolve("snapshot.json"));
      }
      try (Hub hub = Hub.open(vertx, InProcessHubs.config(data), clock)) {
        WorkItem assigned = openItem(hub, a);
        assertThat(assigned.state()).isEqualTo(ItemState.ASSIGNED);
        assertThat(assigned.agent()).isEqualTo("ann");
        WorkItem waiting = openItem(hub, b);
        assertThat(waiting.state()).as("ann is full: still queued").isEqualTo(ItemState.WAITING);
        assertThat(waiting.firstResponseDue()).isEqualTo(bDue);
        assertThat(waiting.noticed("firstResponse.breached")).isFalse();
        assertThat(await(hub.routing().stats()).queues().get(0).total().answered()).isEqualTo(1);
        Presence ann =
            await(hub.routing().read(e -> e.state().agent("ann").orElseThrow().presence()));
        assertThat(ann).isEqualTo(Presence.AVAILABLE);
      }
    }

    clock.advanceSeconds(50); // b's first response is now due
    try (Hub hub = Hub.open(vertx, InProcessHubs.config(data), clock)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> openItem(hub, b).noticed("firstResponse.breached"));
    }
  }
}
