package io.contacthub.hub.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests against one {@link SocialHub} started for the whole class; a subclass's own
 * {@code @BeforeAll} runs after it.
 */
abstract class SocialHubTest {

  @TempDir static Path data;
  static SocialHub social;

  @BeforeAll
  static void startSocialHub() {
    social = new SocialHub(data);
  }

  @AfterAll
  static void stopSocialHub() {
    social.close();
  }
}
