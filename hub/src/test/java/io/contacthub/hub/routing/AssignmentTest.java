package io.contacthub.hub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Channel;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.work.ItemState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Who gets which conversation, on a hand-moved clock: every decision checked by hand. */
@Timeout(30)
class AssignmentTest {

  private static JsonObject config() {
    return new JsonObject()
        .put("offerTimeoutSeconds", 30)
        .put("stickyWaitSeconds", 20)
        .put("wrapUpSeconds", 30)
        .put(
            "queues",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "vip")
                        .put("segments", new JsonArray().add("vip"))
                        .put("skill", "vip"))
                .add(
                    new JsonObject()
                        .put("name", "german")
                        .put("languages", new JsonArray().add("de"))
                        .put("skill", "de"))
                .add(new JsonObject().put("name", "general")));
  }

  private final EngineFixture f = new EngineFixture(config());

  @Test
  void rulesPlaceBySegmentLanguageThenTheCatchAll() {
    f.arrive("c1", Channel.WEBCHAT, "de", "vip", null);
    f.arrive("c2", Channel.EMAIL, "de", null, null);
    f.arrive("c3", Channel.EMAIL, "en", "smb", null);

    assertThat(f.item("c1").queue()).isEqualTo("vip");
    assertThat(f.item("c2").queue()).isEqualTo("german");
    assertThat(f.item("c3").queue()).isEqualTo("general");
  }

  @Test
  void longestIdleAgentWithTheSkillAndRoomGetsTheOffer() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE); // idle since 0
    f.at(5).agent("bob", Set.of("de"), Map.of(), Presence.AVAILABLE); // idle since 5

    f.at(10).arrive("c1", Channel.WEBCHAT);
    assertThat(f.item("c1").agent()).isEqualTo("ann");
    assertThat(f.item("c1").state()).isEqualTo(ItemState.OFFERED);
    assertThat(f.eventsOfType("assignment.offered")).containsExactly("c1");

    f.at(14).engine.accept("ann", "c1"); // ann idle since 14 now
    f.arrive("c2", Channel.WEBCHAT);
    assertThat(f.item("c2").agent()).isEqualTo("bob");

    f.arrive("c3", Channel.WEBCHAT, "de", null, null); // needs skill de: only bob
    assertThat(f.item("c3").agent()).isEqualTo("bob");
  }

  @Test
  void capacityPerChannelLimitsOffers() {
    f.agent("ann", Set.of(), Map.of(Channel.WEBCHAT, 2, Channel.EMAIL, 1), Presence.AVAILABLE);

    f.arrive("c1", Channel.WEBCHAT);
    f.arrive("c2", Channel.WEBCHAT);
    f.arrive("c3", Channel.WEBCHAT);
    f.arrive("e1", Channel.EMAIL);

    assertThat(f.item("c1").agent()).isEqualTo("ann");
    assertThat(f.item("c2").agent()).isEqualTo("ann");
    assertThat(f.item("c3").state()).isEqualTo(ItemState.WAITING);
    assertThat(f.item("e1").agent()).isEqualTo("ann");

    f.at(3).engine.accept("ann", "c1");
    f.engine.conversationResolved("c1");
    assertThat(f.item("c3").agent()).as("the freed slot goes to the waiting chat").isEqualTo("ann");
  }

  @Test
  void stickyWaitsForTheAccountOwnerThenFallsBack() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    f.agent("owner", Set.of(), Map.of(), Presence.AWAY);

    f.arrive("c1", Channel.WEBCHAT, null, null, "owner");
    assertThat(f.item("c1").state()).as("held for the owner").isEqualTo(ItemState.WAITING);

    f.at(10).engine.setPresence("owner", Presence.AVAILABLE);
    assertThat(f.item("c1").agent()).isEqualTo("owner");

    f.arrive("c2", Channel.WEBCHAT, null, null, "nobody-here");
    f.at(19);
    assertThat(f.item("c2").state()).isEqualTo(ItemState.WAITING);
    f.at(30); // 20 s after its arrival at 10
    assertThat(f.item("c2").agent()).isEqualTo("ann");
  }

  @Test
  void stickyToTheLastAgentWhenTheConversationReopens() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    f.at(1).agent("bob", Set.of(), Map.of(), Presence.AVAILABLE);
    f.arrive("c1", Channel.WEBCHAT);
    f.engine.decline("ann", "c1");
    assertThat(f.item("c1").agent()).isEqualTo("bob");
    f.engine.accept("bob", "c1");
    f.at(5).engine.conversationResolved("c1");

    f.at(6).arrive("c1", Channel.WEBCHAT); // reopened; ann is longer idle but bob was its agent
    assertThat(f.item("c1").agent()).isEqualTo("bob");
    assertThat(f.item("c1").preferredAgent()).isEqualTo("bob");
  }

  @Test
  void declineAndTimeoutReRouteAndTimeoutSetsTheAgentAway() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    f.at(1).agent("bob", Set.of(), Map.of(), Presence.AVAILABLE);
    f.at(2).agent("cat", Set.of(), Map.of(), Presence.AVAILABLE);

    f.arrive("c1", Channel.WEBCHAT);
    assertThat(f.item("c1").agent()).isEqualTo("ann");
    f.engine.decline("ann", "c1");
    f.collect();
    assertThat(f.item("c1").agent()).isEqualTo("bob");
    assertThat(f.eventsOfType("assignment.revoked")).containsExactly("c1");

    f.at(31);
    assertThat(f.item("c1").agent()).as("offer of 2 s + 30 s not yet expired").isEqualTo("bob");
    f.at(32);
    assertThat(f.item("c1").agent()).isEqualTo("cat");
    assertThat(f.engine.state().agent("bob").orElseThrow().presence()).isEqualTo(Presence.AWAY);

    assertThatThrownBy(() -> f.engine.accept("bob", "c1"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("not offered to bob");
  }

  @Test
  void goingAwayWithdrawsOffersButKeepsAssignments() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    f.arrive("c1", Channel.WEBCHAT);
    f.engine.accept("ann", "c1");
    f.arrive("c2", Channel.WEBCHAT);
    assertThat(f.item("c2").agent()).isEqualTo("ann");

    f.engine.setPresence("ann", Presence.AWAY);

    assertThat(f.item("c1").state()).isEqualTo(ItemState.ASSIGNED);
    assertThat(f.item("c2").state()).isEqualTo(ItemState.WAITING);
  }

  @Test
  void transfersToAnAgentAndToAQueue() {
    f.agent("ann", Set.of(), Map.of(), Presence.AVAILABLE);
    f.at(1).agent("bob", Set.of("vip"), Map.of(), Presence.AVAILABLE);
    f.arrive("c1", Channel.WEBCHAT);
    f.engine.accept("ann", "c1");

    f.at(10).engine.transferToAgent("c1", "bob");
    assertThat(f.item("c1").state()).isEqualTo(ItemState.OFFERED);
    assertThat(f.item("c1").agent()).isEqualTo("bob");
    f.engine.accept("bob", "c1");

    f.at(20).engine.transferToQueue("c1", "vip");
    assertThat(f.item("c1").queue()).isEqualTo("vip");
    assertThat(f.item("c1").agent()).as("only bob has the vip skill").isEqualTo("bob");

    assertThatThrownBy(() -> f.engine.transferToQueue("c1", "nope"))
        .isInstanceOf(HubException.class);
  }
}
