package io.contacthub.hub;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What tests of a {@link Hub} opened in their own JVM (no HTTP in between) share. */
public final class InProcessHubs {

  private InProcessHubs() {}

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
