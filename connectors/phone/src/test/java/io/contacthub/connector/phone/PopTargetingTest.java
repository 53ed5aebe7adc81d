package io.contacthub.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who a call nobody in particular is for pops to, by the agents' presence in the hub: the queue's
 * available members (configured in {@code phone.queues} or serving the hub's queue of that name),
 * else every available agent, else, with nobody available, everyone on the stream.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class PopTargetingTest {

  @TempDir Path data;
  private PhoneHarness phone;

  private void start(Vertx vertx, Consumer<FakeConnectorContext.Builder> hub) throws Exception {
    phone = PhoneHarness.start(vertx, PhoneHarness.config(), data, hub);
  }

  @AfterEach
  void stop() throws Exception {
    if (phone != null) {
      phone.close();
    }
  }

  private java.util.Set<String> popAudience(String query) throws Exception {
    phone.postForm("event=newCall&from=4915112345678&to=492214710334&direction=in&" + query);
    return phone.awaitEvent("screen_pop", 1).agents();
  }

  @Test
  void aConfiguredQueuePopsOnlyToItsAvailableMembers(Vertx vertx) throws Exception {
    // GIVEN queue support is carol and extension 204 (bob), and carol is away
    start(vertx, hub -> hub.away("carol"));

    assertThat(popAudience("callId=t1&queue=support")).containsExactly("bob");
  }

  @Test
  void theHubsQueuePopsToTheAvailableAgentsServingIt(Vertx vertx) throws Exception {
    // GIVEN the hub's queue sales is served by emma and alice, alice away
    start(vertx, hub -> hub.queues(Map.of("sales", List.of("emma", "alice"))).away("alice"));

    assertThat(popAudience("callId=t2&queue=sales")).containsExactly("emma");
  }

  @Test
  void aQueueWithNobodyAvailableFallsBackToEveryAvailableAgent(Vertx vertx) throws Exception {
    start(vertx, hub -> hub.away("carol", "bob", "alice"));

    assertThat(popAudience("callId=t3&queue=support")).containsExactlyInAnyOrder("chris", "emma");
  }

  @Test
  void withNobodyAvailableEveryoneOnTheStreamSeesTheCall(Vertx vertx) throws Exception {
    start(vertx, hub -> hub.away("chris", "emma", "alice", "bob", "carol"));

    // Empty: the hub sends it to every staff member, so a ringing call is never shown to nobody.
    assertThat(popAudience("callId=t4&queue=support")).isEmpty();
  }
}
