package io.contacthub.hub.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contacthub.hub.api.ApiOptions;
import io.contacthub.hub.api.ApiServer;
import io.contacthub.hub.api.HttpApi;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.events.LiveEvents;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamLifecycleTest {

  @TempDir static Path dataDir;
  static Vertx vertx;
  static ApiServer api;
  static LiveEvents events;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    api =
        ApiServer.start(
            vertx,
            dataDir,
            new ApiOptions(
                ApiOptions.DEFAULT_MAX_BODY_BYTES,
                ApiOptions.DEFAULT_MAX_BATCH_BODY_BYTES,
                Duration.ofMillis(100)));
    events = new LiveEvents(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void answeringClientSurvivesHeartbeats() throws Exception {
    StreamClient alice =
        StreamClient.connect(vertx, api.port, StreamEndpoint.PATH, api.token("alice")).await();
    // Take the hello before swapping in a frame handler, so the two never overlap.
    alice.nextOfType("hello");
    AtomicInteger pings = new AtomicInteger();
    Future<Void> fivePings =
        Future.future(
            done ->
                alice.socket.frameHandler(
                    f -> {
                      if (f.isPing() && pings.incrementAndGet() == 5) {
                        done.complete();
                      }
                    }));

    fivePings.await();
    events.publish(HubEvent.OFFER, new JsonObject(), Audience.users(Set.of("alice")));

    assertThat(alice.nextOfType("offer")).isNotNull();
    assertThat(alice.closeStatus).isNotDone();
  }

  @Test
  void undeployClosesConnectionsCleanly() throws Exception {
    AtomicInteger port = new AtomicInteger();
    String deployment =
        vertx
            .deployVerticle(
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    return vertx
                        .createHttpServer()
                        .requestHandler(HttpApi.router(vertx, api.dependencies()))
                        .listen(0)
                        .onSuccess(s -> port.set(s.actualPort()));
                  }
                })
            .await();
    StreamClient bob =
        StreamClient.connect(vertx, port.get(), StreamEndpoint.PATH, api.token("bob")).await();
    bob.nextOfType("hello");

    double closedBefore = api.metrics.counter("hub.stream.connections.closed").count();

    vertx.undeploy(deployment).await();

    // A close handshake with a status, not a dropped connection (1006).
    assertThat(bob.awaitClose()).isIn((short) 1000, (short) 1001);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.metrics.counter("hub.stream.connections.closed").count() > closedBefore);
  }

  @Test
  void silentClientIsClosedAfterAMissedHeartbeat() {
    // A raw socket completes the handshake but never answers pings, as a vanished client would.
    NetSocket raw = vertx.createNetClient().connect(api.port, "localhost").await();
    Buffer received = Buffer.buffer();
    Promise<Void> closeFrame = Promise.promise();
    raw.handler(
        data -> {
          received.appendBuffer(data);
          if (containsClose(received, 1008)) {
            closeFrame.tryComplete();
          }
        });
    raw.write(
        "GET "
            + StreamEndpoint.PATH
            + "?access_token="
            + api.token("bob")
            + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

    closeFrame.future().await();

    assertThat(received.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101");
  }

  /** Whether the bytes hold a server close frame (opcode 8, unmasked) with this status. */
  private static boolean containsClose(Buffer bytes, int status) {
    for (int i = 0; i + 3 < bytes.length(); i++) {
      if ((bytes.getByte(i) & 0xFF) == 0x88
          && (bytes.getByte(i + 1) & 0x80) == 0
          && bytes.getUnsignedShort(i + 2) == status) {
        return true;
      }
    }
    return false;
  }
}
