package io.contacthub.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the hub relies on from the phone connector's lifecycle and configuration. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class PhoneConnectorContractTest {

  @TempDir Path dataDir;

  @Test
  void factoryIsFoundThroughServiceLoaderAsPhone() {
    assertThat(ServiceLoader.load(ChannelConnectorFactory.class).stream())
        .extracting(p -> p.get().type())
        .contains("phone");
  }

  @Test
  void startsWithAnEmptySectionAndStopsTwiceHarmlessly(Vertx vertx) throws Exception {
    // GIVEN the section the hub passes when hub.yaml has no phone keys
    ChannelConnector connector = create();
    FakeConnectorContext ctx = context(vertx, new JsonObject());

    // WHEN
    connector.start(ctx).await(10, TimeUnit.SECONDS);
    connector.stop().await(10, TimeUnit.SECONDS);
    connector.stop().await(10, TimeUnit.SECONDS);

    // THEN
    assertThat(connector.channels()).containsExactly(Channel.PHONE);
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"defaultRegion\": \"XX\"}",
        "{\"historyItems\": \"many\"}",
        "{\"cdr\": {\"timezone\": \"Mars/Olympus\"}}",
        "{\"ami\": {\"enabled\": \"true\", \"username\": \"hub\"}}",
        "{\"ami\": {\"enabled\": true, \"username\": \"hub\", \"secret\": \"s\", \"port\": 70000}}"
      })
  void refusesInvalidConfigAtStartNamingTheKey(String config, Vertx vertx) throws Exception {
    // GIVEN
    FakeConnectorContext ctx = context(vertx, new JsonObject(config));

    // WHEN
    var start = create().start(ctx);

    // THEN
    assertThat(start.toCompletionStage().toCompletableFuture())
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(IllegalArgumentException.class)
        .withMessageStartingWith("phone.");
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void sendingIsRefusedAsNotRetryable() {
    // WHEN
    var sent = create().send(null);

    // THEN
    assertThat(sent.toCompletionStage().toCompletableFuture())
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void stopWithoutStartIsHarmless() throws Exception {
    create().stop().await(10, TimeUnit.SECONDS);
  }

  private static ChannelConnector create() {
    return ServiceLoader.load(ChannelConnectorFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.type().equals("phone"))
        .findFirst()
        .orElseThrow()
        .create();
  }

  private FakeConnectorContext context(Vertx vertx, JsonObject config) throws Exception {
    return FakeConnectorContext.start(vertx, config, dataDir).await(10, TimeUnit.SECONDS);
  }
}
