package io.contacthub.hub;

import static io.contacthub.hub.InProcessHubs.await;
import static io.contacthub.hub.InProcessHubs.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.hub.config.ConfigLoader;
import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.TimelinePage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The core on real files: state and index come back after a restart, exactly once. */
@Timeout(60)
class HubRecoveryTest {

  @TempDir Path data;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HubConfig config() {
    return HubConfig.from(ConfigLoader.load(null, Map.of("HUB_DATA_DIR", data.toString())));
  }

  @Test
  void stateAndTimelineSurviveARestartAndRetriesStayDuplicates() throws Exception {
    List<Accepted> acks = new ArrayList<>();
    try (Hub hub = Hub.open(vertx, config())) {
      for (int i = 0; i < 50; i++) {
        acks.add(await(hub.ingest().ingest(chat("m-" + i, "v-1"))));
      }
      Accepted retry = await(hub.ingest().ingest(chat("m-7", "v-1")));
      assertThat(retry.duplicate()).isTrue();
      assertThat(retry.interactionId()).isEqualTo(acks.get(7).interactionId());
    }
    try (Hub hub = Hub.open(vertx, config())) {
      String customer = acks.get(0).customerId();
      assertThat(acks).extracting(Accepted::customerId).containsOnly(customer);
      TimelinePage page = await(hub.queries().timeline(customer, null, 100));
      assertThat(page.items()).hasSize(50);
      Accepted retry = await(hub.ingest().ingest(chat("m-3", "v-1")));
      assertThat(retry.duplicate()).isTrue();
      assertThat(retry.interactionId()).isEqualTo(acks.get(3).interactionId());
      Accepted fresh = await(hub.ingest().ingest(chat("m-new", "v-1")));
      assertThat(fresh.customerId()).isEqualTo(customer);
      assertThat(fresh.conversationId()).isEqualTo(acks.get(0).conversationId());
    }
  }

  @Test
  void updatesChangeTheStoredInteraction() throws Exception {
    try (Hub hub = Hub.open(vertx, config())) {
      Accepted call =
          await(
              hub.ingest()
                  .ingest(
                      InboundInteraction.message(Channel.PHONE, "call-1")
                          .kind(io.contacthub.connector.InteractionKind.CALL)
                          .identities(
                              List.of(Identity.of(IdentityType.PHONE, "+14155550100", false)))
                          .extras(new JsonObject().put("state", "ringing"))
                          .build()));
      await(
          hub.ingest()
              .update(
                  new InteractionUpdate(
                      Channel.PHONE,
                      "call-1",
                      null,
                      null,
                      new JsonObject().put("state", "answered"))));
      // Read-your-writes: the acknowledged update is what a lookup returns.
      Interaction stored = await(hub.queries().interaction(call.interactionId()));
      assertThat(stored.extras().getString("state")).isEqualTo("answered");
      assertThat(stored.kind()).isEqualTo(io.contacthub.connector.InteractionKind.CALL);
    }
  }
}
