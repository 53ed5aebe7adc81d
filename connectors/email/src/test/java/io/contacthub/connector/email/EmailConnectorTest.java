package io.contacthub.connector.email;

import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that start an {@link EmailConnector} on a {@link FakeConnectorContext} of their own: both
 * are stopped after every test, whichever of them the test got to start.
 */
public abstract class EmailConnectorTest {

  @TempDir protected Path dataDir;
  protected FakeConnectorContext ctx;
  protected EmailConnector connector;

  /** Starts {@link #ctx} with {@code config} and this test's data dir. */
  protected void startContext(Vertx vertx, JsonObject config) throws Exception {
    ctx =
        FakeConnectorContext.builder(vertx)
            .config(config)
            .dataDir(dataDir)
            .start()
            .await(10, TimeUnit.SECONDS);
  }

  /** Waits up to 30 s until the connector has ingested a mail with {@code subject}. */
  protected void awaitMailWithSubject(String subject) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ctx.calls().stream().anyMatch(c -> subject.equals(c.interaction().subject())));
  }

  @AfterEach
  void stopConnector() throws Exception {
    if (connector != null) {
      connector.stop().await(20, TimeUnit.SECONDS);
    }
    if (ctx != null) {
      ctx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
