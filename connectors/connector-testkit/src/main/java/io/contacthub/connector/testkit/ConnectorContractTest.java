package io.contacthub.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.OutboundMessage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the hub relies on from every connector: found through {@link ServiceLoader} under its type;
 * starts on a valid section and serves at least one channel; refuses a bad section at start (fails
 * fast, not at the first message); stops twice or without a start harmlessly; answers a message it
 * cannot deliver with a {@link DeliveryException}. A connector's test extends this with its type
 * and configs.
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

  /** A recipient the connector cannot deliver to (by default not an address of any channel). */
  protected Identity undeliverableRecipient() {
    return new Identity(IdentityType.EXTERNAL, "no such recipient", false, null);
  }

  @Test
  void factoryIsFoundThroughServiceLoader() {
    assertThat(ServiceLoader.load(ChannelConnectorFactory.class).stream())
        .extracting(p -> p.get().type())
        .contains(type());
  }

  @Test
  void startsServesAChannelAndStopsTwiceHarmlessly(Vertx vertx) throws Exception {
    // GIVEN
    ChannelConnector connector = create();
    FakeConnectorContext ctx = context(vertx, validConfig());

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
    Connectors.assertRefusedAtStart(create(), context(vertx, invalidConfig()), null);
  }

  @Test
  void stopWithoutStartIsHarmless() throws Exception {
    create().stop().await(10, TimeUnit.SECONDS);
  }

  @Test
  void anUndeliverableMessageFailsWithADeliveryException(Vertx vertx) throws Exception {
    // GIVEN a started connector
    ChannelConnector connector = create();
    FakeConnectorContext ctx = context(vertx, validConfig());
    connector.start(ctx).await(10, TimeUnit.SECONDS);

    // WHEN it is asked to send to a recipient it cannot reach
    var sent =
        connector.send(
            new OutboundMessage(
                "int-contract",
                "conv-contract",
                connector.channels().iterator().next(),
                undeliverableRecipient(),
                "Contract",
                "Hello",
                null,
                List.of(),
                "Agent",
                null));

    // THEN the answer is a final delivery failure, never success or another exception
    assertThat(sent.toCompletionStage().toCompletableFuture())
        .failsWithin(20, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
    connector.stop().await(10, TimeUnit.SECONDS);
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  /** A new connector of {@link #type()}, as the hub creates one. */
  protected ChannelConnector create() {
    return Connectors.create(type());
  }

  /** A started fake context with {@code config} and this test's data dir. */
  protected FakeConnectorContext context(Vertx vertx, JsonObject config) throws Exception {
    return FakeConnectorContext.builder(vertx)
        .config(config)
        .dataDir(dataDir)
        .start()
        .await(10, TimeUnit.SECONDS);
  }
}
