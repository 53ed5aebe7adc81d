package io.contacthub.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
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

/**
 * What the hub relies on from every connector; a connector's test extends this with its type and
 * configs.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
public abstract class ConnectorContractTest {

  @TempDir protected Path dataDir;

  /** The factory type, which is also the config section name. */
  protected abstract String type();

  /** A config the connector starts with, needing no outside server. */
  protected abstract JsonObject validConfig();

  /** A config the connector must refuse at start. */
  protected abstract JsonObject invalidConfig();

  @Test
  void factoryIsFoundThroughServiceLoader() {
    // WHEN
    var factories = ServiceLoader.load(ChannelConnectorFactory.class).stream().toList();

    // THEN
    assertThat(factories).extracting(p -> p.get().type()).contains(type());
  }

  @Test
  void startsAndStopsTwiceHarmlessly(Vertx vertx) throws Exception {
    // GIVEN
    ChannelConnector connector = create();
    FakeConnectorContext ctx = started(vertx, validConfig());

    // WHEN
    connector.start(ctx).await(10, TimeUnit.SECONDS);
    connector.stop().await(10, TimeUnit.SECONDS);
    connector.stop().await(10, TimeUnit.SECONDS);

    // THEN
    assertThat(connector.channels()).isNotEmpty().doesNotContainNull();
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void refusesInvalidConfigAtStart(Vertx vertx) throws Exception {
    // GIVEN
    ChannelConnector connector = create();
    FakeConnectorContext ctx = started(vertx, invalidConfig());

    // WHEN
    var start = connector.start(ctx);

    // THEN
    assertThat(start.toCompletionStage().toCompletableFuture())
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(IllegalArgumentException.class);
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void stopWithoutStartIsHarmless() throws Exception {
    create().stop().await(10, TimeUnit.SECONDS);
  }

  private ChannelConnector create() {
    return ServiceLoader.load(ChannelConnectorFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.type().equals(type()))
        .findFirst()
        .orElseThrow()
        .create();
  }

  private FakeConnectorContext started(Vertx vertx, JsonObject config) throws Exception {
    return FakeConnectorContext.start(vertx, config, dataDir, 1024 * 1024)
        .await(10, TimeUnit.SECONDS);
  }
}
