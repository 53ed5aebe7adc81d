package io.contacthub.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's curl walkthrough starts a hub with example credentials the hub must accept. */
class ReadmeCredentialsTest {

  @Test
  void theWalkthroughsIngestTokenIsOneTheHubAccepts() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher token = Pattern.compile("HUB_INGEST_TOKEN=(\\S+)").matcher(readme);

    assertThat(token.find()).as("the README sets HUB_INGEST_TOKEN").isTrue();
    assertThatCode(
            () -> new AuthOptions(new byte[32], AuthOptions.DEFAULT_TOKEN_TTL, token.group(1)))
        .doesNotThrowAnyException();
    assertThat(readme).contains("Bearer $HUB_INGEST_TOKEN");
  }
}
