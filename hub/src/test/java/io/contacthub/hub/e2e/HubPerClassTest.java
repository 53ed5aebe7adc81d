package io.contacthub.hub.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests against one {@link HubFixture} on the default configuration, started for the whole class; a
 * subclass's own {@code @BeforeAll} runs after it.
 */
abstract class HubPerClassTest {

  @TempDir static Path data;
  static HubFixture hub;

  @BeforeAll
  static void startHub() {
    hub = HubFixture.start(data);
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }
}
