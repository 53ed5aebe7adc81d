package io.contacthub.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssertAlternative;

/** Connectors as the hub finds and starts them, for connector tests. */
public final class Connectors {

  private Connectors() {}

  /** A new connector of {@code type}, found through the service loader as the hub finds it. */
  public static ChannelConnector create(String type) {
    return ServiceLoader.load(ChannelConnectorFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.type().equals(type))
        .findFirst()
        .orElseThrow()
        .create();
  }

  /**
   * Asserts that {@code connector} refuses to start on {@code ctx} with an {@link
   * IllegalArgumentException} whose message starts with {@code keyPrefix} (any message when null),
   * then closes {@code ctx}.
   */
  public static void assertRefusedAtStart(
      ChannelConnector connector, FakeConnectorContext ctx, String keyPrefix) throws Exception {
    ThrowableAssertAlternative<?> cause =
        assertThat(connector.start(ctx).toCompletionStage().toCompletableFuture())
            .failsWithin(10, TimeUnit.SECONDS)
            .withThrowableThat()
            .havingCause()
            .isInstanceOf(IllegalArgumentException.class);
    if (keyPrefix != null) {
      cause.withMessageStartingWith(keyPrefix);
    }
    ctx.close().await(10, TimeUnit.SECONDS);
  }
}
