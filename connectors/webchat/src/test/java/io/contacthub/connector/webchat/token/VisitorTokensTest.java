package io.contacthub.connector.webchat.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class VisitorTokensTest {

  static final byte[] KEY = "a-connector-signing-key-of-32-bytes!".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static VisitorTokens tokens(Instant now) {
    return new VisitorTokens(
        new Signer(KEY, Clock.fixed(now, ZoneOffset.UTC)), Duration.ofDays(1), Duration.ofHours(1));
  }

  @Test
  void aVisitorTokenNamesItsVisitorOnItsSiteOnly() {
    String token = tokens(NOW).visitorToken("shop", "v-1");
    assertThat(tokens(NOW).visitor("shop", token)).contains("v-1");
    assertThat(tokens(NOW).visitor("other", token)).isEmpty();
    assertThat(tokens(NOW).continuation("shop", token)).isEmpty();
  }

  @Test
  void expiredForgedAndMalformedTokensAreRefused() {
    String token = tokens(NOW).visitorToken("shop", "v-1");
    assertThat(tokens(NOW.plus(Duration.ofDays(1))).visitor("shop", token)).isEmpty();
    String body = token.substring(0, token.indexOf('.'));
    String otherKey =
        new VisitorTokens(
                new Signer(
                    "another-key-of-at-least-32-bytes!!!".getBytes(StandardCharsets.UTF_8),
                    Clock.fixed(NOW, ZoneOffset.UTC)),
                Duration.ofDays(1),
                Duration.ofHours(1))
            .visitorToken("shop", "v-1");
    assertThat(tokens(NOW).visitor("shop", otherKey)).isEmpty();
    assertThat(tokens(NOW).visitor("shop", body)).isEmpty();
    assertThat(tokens(NOW).visitor("shop", body + ".")).isEmpty();
    assertThat(tokens(NOW).visitor("shop", body + ".%%%")).isEmpty();
    assertThat(tokens(NOW).visitor("shop", "x".repeat(5000))).isEmpty();
    assertThat(tokens(NOW).visitor("shop", null)).isEmpty();
  }

  @Test
  void aContinueTokenNamesVisitorAndConversationAndExpiresSooner() {
    String token = tokens(NOW).continueToken("shop", "v-1", "conv-9");
    assertThat(tokens(NOW).continuation("shop", token))
        .contains(new VisitorTokens.Continuation("v-1", "conv-9"));
    assertThat(tokens(NOW).visitor("shop", token)).isEmpty();
    assertThat(tokens(NOW.plus(Duration.ofMinutes(61))).continuation("shop", token)).isEmpty();
  }

  @Test
  void identifierHashesAreCheckedAgainstTheSiteSecret() {
    String hash = HexFormat.of().formatHex(IdentifierCheck.hash("site-secret", "ann@example.com"));
    assertThat(IdentifierCheck.verify("site-secret", "ann@example.com", hash)).isTrue();
    assertThat(IdentifierCheck.verify("site-secret", "ann@example.com", hash.toUpperCase()))
        .isTrue();
    assertThat(IdentifierCheck.verify("site-secret", "bob@example.com", hash)).isFalse();
    assertThat(IdentifierCheck.verify("", "ann@example.com", hash)).isFalse();
    assertThat(IdentifierCheck.verify("site-secret", "ann@example.com", null)).isFalse();
  }
}
