package io.contacthub.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TokensTest {

  static final byte[] SECRET =
      "another secret that is long enough for HS256".getBytes(StandardCharsets.UTF_8);
  static final String INGEST = "the-ingest-token-of-tests";
  static final User ALICE =
      new User("alice", "Alice", Role.SUPERVISOR, null, null, Instant.EPOCH, "$pbkdf2-sha256$x");

  Vertx vertx;
  Tokens tokens;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    tokens = new Tokens(vertx, new AuthOptions(SECRET, Duration.ofMinutes(5), INGEST));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static HubException failure(Runnable r) {
    return (HubException) catchThrowable(r::run);
  }

  @Test
  void issuedTokenVerifiesToItsUser() {
    VerifiedToken token = tokens.verify(tokens.issue(ALICE)).await();

    assertThat(token.caller()).isEqualTo(new Caller("alice", "Alice", Role.SUPERVISOR));
    assertThat(token.version()).isZero();
    assertThat(tokens.ttlSeconds()).isEqualTo(300);
  }

  @Test
  void ingestTokenIsTheServiceCaller() {
    assertThat(tokens.verify(INGEST).await().caller()).isEqualTo(Caller.SERVICE);
    assertThat(failure(() -> tokens.verify(INGEST + "x").await()).status()).isEqualTo(401);
  }

  @Test
  void tokenOfAnotherKeyIsRefused() {
    Tokens other =
        new Tokens(
            vertx,
            new AuthOptions(
                "a different secret, also long enough!!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5),
                null));

    assertThat(failure(() -> tokens.verify(other.issue(ALICE)).await()).status()).isEqualTo(401);
  }

  @Test
  void expiredTokenIsRefused() {
    JWTAuth sameKey =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
    String expired =
        sameKey.generateToken(
            new JsonObject()
                .put("sub", "alice")
                .put("role", "agent")
                .put("iss", Tokens.ISSUER)
                .put("exp", Instant.now().minusSeconds(3600).getEpochSecond()),
            new JWTOptions().setAlgorithm("HS256"));

    assertThat(failure(() -> tokens.verify(expired).await()).detail()).contains("expired");
  }

  @Test
  void tokenClaimingTheServiceRoleIsRefused() {
    JWTAuth sameKey =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
    String forged =
        sameKey.generateToken(
            new JsonObject().put("sub", "x").put("role", "service"),
            new JWTOptions().setAlgorithm("HS256").setIssuer(Tokens.ISSUER).setExpiresInMinutes(5));

    assertThat(failure(() -> tokens.verify(forged).await()).status()).isEqualTo(401);
  }

  @Test
  void missingTokenIs401() {
    assertThat(failure(() -> tokens.verify(null).await()).detail()).contains("missing");
  }

  @Test
  void weakSecretsAreRejectedUpFront() {
    assertThatThrownBy(() -> new AuthOptions(new byte[16], Duration.ofHours(1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuthOptions(SECRET, Duration.ofHours(1), "short"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new AuthOptions(SECRET, Duration.ofHours(1), INGEST).toString())
        .doesNotContain(INGEST);
  }
}
