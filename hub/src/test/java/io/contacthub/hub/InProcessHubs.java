package io.contacthub.hub;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.hub.config.ConfigLoader;
import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What tests of a {@link Hub} opened in their own JVM (no HTTP in between) share. */
public final class InProcessHubs {

  private InProcessHubs() {}

  /**
   * A hub on {@code dataDir} with one routing queue, "support" (first response due in 100 s), no
   * sticky wait, and offers that do not time out while a test runs.
   */
  public static HubConfig config(Path dataDir) {
    JsonObject routing =
        new JsonObject()
            .put("stickyWaitSeconds", 0)
            .put("offerTimeoutSeconds", 600)
            .put(
                "queues",
                new JsonArray()
                    .add(new JsonObject().put("name", "support").put("firstResponseSeconds", 100)));
    return HubConfig.from(
        ConfigLoader.load(null, Map.of("HUB_DATA_DIR", dataDir.toString()))
            .mergeIn(new JsonObject().put("routing", routing), true));
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A web chat message from an anonymous visitor. */
  public static InboundInteraction chat(String externalId, String visitor) {
    return InboundInteraction.message(Channel.WEBCHAT, externalId)
        .identities(List.of(Identity.of(IdentityType.VISITOR, visitor, false)))
        .text("text of " + externalId)
        .build();
  }

  /** Routing's open work item for the conversation, or null. */
  public static WorkItem openItem(Hub hub, String conversationId) throws Exception {
    return await(hub.routing().read(e -> e.state().openItemOf(conversationId).orElse(null)));
  }
}
