package io.contacthub.connector.phone.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class AmiClientTest {

  private final List<AmiMessage> received = new CopyOnWriteArrayList<>();
  private FakeAmiServer server;
  private AmiClient client;

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.stop().await(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void logsInWithEventsOnAndHandsOverEvents(Vertx vertx) throws Exception {
    // GIVEN
    server = FakeAmiServer.start(vertx, 0, "hub", "s3cret").await(10, TimeUnit.SECONDS);
    client = new AmiClient(vertx, options(server.port(), "s3cret"), received::add);

    // WHEN
    client.start();
    await().atMost(Duration.ofSeconds(10)).until(client::loggedIn);
    server.send(
        "Event: Newchannel",
        "Privilege: call,all",
        "Channel: PJSIP/trunk-00000001",
        "CallerIDNum: +14155550100",
        "Uniqueid: 1700000000.1",
        "Linkedid: 1700000000.1");

    // THEN the login carried the credentials and asked for events
    Map<String, String> login = server.actions().get(0);
    assertThat(login)
        .containsEntry("Action", "Login")
        .containsEntry("Username", "hub")
        .containsEntry("Secret", "s3cret")
        .containsEntry("Events", "on")
        .containsKey("ActionID");
    // AND the event arrived whole, after FullyBooted
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
    assertThat(received.get(0).event()).isEqualTo("FullyBooted");
    assertThat(received.get(1).get("CallerIDNum")).isEqualTo("+14155550100");
  }

  @Test
  void reconnectsAndLogsInAgainAfterTheConnectionDrops(Vertx vertx) throws Exception {
    // GIVEN a logged-in client
    server = FakeAmiServer.start(vertx, 0, "hub", "s3cret").await(10, TimeUnit.SECONDS);
    client = new AmiClient(vertx, options(server.port(), "s3cret"), received::add);
    client.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.logins() == 1);

    // WHEN the connection drops
    server.dropAll();

    // THEN the client logs in again by itself and receives events on the new session
    await().atMost(Duration.ofSeconds(10)).until(() -> server.logins() == 2 && client.loggedIn());
    server.send("Event: Hangup", "Uniqueid: 1700000000.9", "Linkedid: 1700000000.9", "Cause: 16");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.stream().anyMatch(m -> "Hangup".equals(m.event())));
  }

  @Test
  void keepsTryingWhileThePbxIsDownAndConnectsWhenItComesUp(Vertx vertx) throws Exception {
    // GIVEN a port where nothing listens yet
    FakeAmiServer probe = FakeAmiServer.start(vertx, 0, "x", "y").await(10, TimeUnit.SECONDS);
    int port = probe.port();
    probe.close().await(10, TimeUnit.SECONDS);
    client = new AmiClient(vertx, options(port, "s3cret"), received::add);

    // WHEN the client starts first and the PBX comes up later
    client.start();
    assertThat(client.loggedIn()).isFalse();
    // The client's own connection attempts may hold the port briefly as their local port.
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              server = FakeAmiServer.start(vertx, port, "hub", "s3cret").await(1, TimeUnit.SECONDS);
              return true;
            });

    // THEN
    await().atMost(Duration.ofSeconds(10)).until(client::loggedIn);
    assertThat(server.logins()).isEqualTo(1);
  }

  @Test
  void refusedLoginIsRetriedWithoutDeliveringEvents(Vertx vertx) throws Exception {
    // GIVEN a wrong secret
    server = FakeAmiServer.start(vertx, 0, "hub", "s3cret").await(10, TimeUnit.SECONDS);
    client = new AmiClient(vertx, options(server.port(), "wrong"), received::add);

    // WHEN
    client.start();

    // THEN it backs off and tries again, never logged in, never handing anything on
    await().atMost(Duration.ofSeconds(10)).until(() -> server.refusedLogins() >= 3);
    assertThat(client.loggedIn()).isFalse();
    assertThat(server.logins()).isZero();
    assertThat(received).isEmpty();
  }

  @Test
  void pingsTheServerAndLogsOffOnStop(Vertx vertx) throws Exception {
    // GIVEN
    server = FakeAmiServer.start(vertx, 0, "hub", "s3cret").await(10, TimeUnit.SECONDS);
    client = new AmiClient(vertx, options(server.port(), "s3cret"), received::add);
    client.start();

    // WHEN time passes, then the client stops
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.actions().stream().anyMatch(a -> "Ping".equals(a.get("Action"))));
    client.stop().await(10, TimeUnit.SECONDS);
    client = null;

    // THEN it said goodbye and does not come back
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.actions().stream().anyMatch(a -> "Logoff".equals(a.get("Action"))));
    await().atMost(Duration.ofSeconds(10)).until(() -> !server.hasSession());
    assertThat(server.logins()).isEqualTo(1);
  }

  private static AmiOptions options(int port, String secret) {
    return new AmiOptions(
        "127.0.0.1",
        port,
        "hub",
        secret,
        Duration.ofMillis(50),
        Duration.ofMillis(400),
        Duration.ofSeconds(1));
  }
}
