package io.contacthub.hub.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.engine.Changes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** First-response and resolution SLAs: a warning at 80 % of the target, a breach at it, once. */
@Timeout(30)
class SlaTimerTest {

  private final EngineFixture f =
      new EngineFixture(
          new JsonObject()
              .put("slaWarningPercent", 80)
              .put("offerTimeoutSeconds", 600)
              .put(
                  "queues",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("name", "email")
                              .put("firstResponseSeconds", 100)
                              .put("resolutionSeconds", 1000))));

  private List<String> notices(String type) {
    return f.events.stream()
        .filter(e -> e.type().type().equals(type))
        .filter(e -> e.audience().roles().contains(Role.SUPERVISOR))
        .map(e -> e.payload().getString("conversationId") + ":" + e.payload().getString("sla"))
        .toList();
  }

  @Test
  void warnsThenBreachesEachOnce() {
    f.arrive("c1", Channel.EMAIL);
    f.at(79);
    assertThat(notices("sla.warning")).isEmpty();
    f.at(80);
    assertThat(notices("sla.warning")).containsExactly("c1:firstResponse");
    f.at(99);
    assertThat(notices("sla.breached")).isEmpty();
    f.at(100);
    f.at(101);
    assertThat(notices("sla.breached")).containsExactly("c1:firstResponse");
    assertThat(notices("sla.warning")).containsExactly("c1:firstResponse");
    f.at(800);
    assertThat(notices("sla.warning")).containsExactly("c1:firstResponse", "c1:resolution");
    f.at(1000);
    assertThat(notices("sla.breached")).containsExactly("c1:firstResponse", "c1:resolution");
  }

  @Test
  void aReplyInTimeMeetsTheFirstResponseTargetAndTheAgentHearsOfBreaches() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    f.arrive("c1", Channel.EMAIL);
    f.engine.accept("ann", "c1");
    f.at(50).engine.responded("c1");
    f.at(200);
    assertThat(notices("sla.breached")).isEmpty();
    f.at(1000);
    assertThat(notices("sla.breached")).containsExactly("c1:resolution");
    List<Changes.Event> toAnn =
        f.events.stream()
            .filter(e -> e.type().type().equals("sla.breached"))
            .filter(e -> e.audience().users().contains("ann"))
            .toList();
    assertThat(toAnn).hasSize(1);
  }

  @Test
  void resolvedInTimeNeverBreaches() {
    f.arrive("c1", Channel.EMAIL);
    f.at(10).engine.conversationResolved("c1");
    f.at(2000);
    assertThat(notices("sla.warning")).isEmpty();
    assertThat(notices("sla.breached")).isEmpty();
  }
}
