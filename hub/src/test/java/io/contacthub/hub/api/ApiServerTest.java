package io.contacthub.hub.api;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests against one {@link ApiServer} with the default options, started for the whole class; a
 * subclass's own {@code @BeforeAll} runs after it, so it can mount more routes on it.
 */
public abstract class ApiServerTest {

  @TempDir protected static Path dataDir;
  protected static Vertx vertx;
  protected static ApiServer api;

  @BeforeAll
  static void startApi() {
    vertx = Vertx.vertx();
    api = ApiServer.start(vertx, dataDir, ApiOptions.DEFAULTS);
  }

  @AfterAll
  static void stopApi() {
    vertx.close().await();
  }
}
