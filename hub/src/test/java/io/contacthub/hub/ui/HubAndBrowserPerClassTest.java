package io.contacthub.hub.ui;

import io.contacthub.hub.e2e.HubFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser tests against one hub and one headless browser for the whole class: a subclass's
 * {@code @BeforeAll} starts both (with its own hub options and seed data); they close after it.
 */
abstract class HubAndBrowserPerClassTest {

  @TempDir static Path data;
  static HubFixture hub;
  static Browser browser;

  @AfterAll
  static void closeHubAndBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (hub != null) {
      hub.close();
    }
  }
}
