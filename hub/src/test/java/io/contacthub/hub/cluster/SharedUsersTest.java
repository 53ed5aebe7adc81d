package io.contacthub.hub.cluster;

import static io.contacthub.hub.InProcessHubs.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.AuthOptions;
import io.contacthub.hub.auth.NewUser;
import io.contacthub.hub.auth.PasswordHasher;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.auth.User;
import io.contacthub.hub.auth.UserChange;
import io.contacthub.hub.auth.UserStore;
import io.contacthub.hub.model.HubException;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** User stores of several nodes (one Vert.x each) over one real redis-server. */
@Timeout(120)
class SharedUsersTest extends InProcessNodesTest {

  /** Two nodes, the agent mira created through the first, and her token checked on the second. */
  private record Mira(UserStore a, UserStore b, Tokens tokens, AuthHandler authOnB, String token) {}

  private Mira miraOnTwoNodes() throws Exception {
    RedisServer redis = redis(false);
    UserStore a = node(redis);
    UserStore b = node(redis);
    await(a.create(agent("mira", "mira-password-1")));
    Tokens tokens = tokens();
    String token = tokens.issue(await(b.authenticate("mira", "mira-password-1")));
    return new Mira(a, b, tokens, new AuthHandler(tokens, b), token);
  }

  @Test
  void aUserCreatedOnOneNodeLogsInOnAnotherAtOnceAndReachesEveryNodesView() throws Exception {
    RedisServer redis = redis(false);
    UserStore a = node(redis);
    UserStore b = node(redis);
    UserStore c = node(redis);

    await(a.create(agent("mira", "mira-password-1")));

    assertThat(await(b.authenticate("mira", "mira-password-1")).login()).isEqualTo("mira");
    assertThat(status(b.authenticate("mira", "wrong-password"))).isEqualTo(401);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(c.list()).extracting(User::login).containsExactly("mira"));
    String stored = commands(redis).hget(RedisUserRecords.KEY, "mira");
    assertThat(stored).contains("\"passwordHash\"").doesNotContain("mira-password-1");
  }

  @Test
  void aNodeWhoseSubscriptionReconnectsReadsTheUsersItMayHaveMissed() throws Exception {
    RedisServer redis = redis(false);
    UserStore a = node(redis);
    RedisCommands<String, String> redisCommands = commands(redis);
    // Written without an announcement, as if it had been announced while a was disconnected.
    User missed =
        new User(
            "noor",
            "Noor",
            Role.SUPERVISOR,
            null,
            null,
            Instant.now(),
            new PasswordHasher().hash("noor-password-1"));
    redisCommands.hset(RedisUserRecords.KEY, "noor", missed.toStoredJson().encode());
    assertThat(a.find("noor")).isEmpty();

    redisCommands.clientKill(KillArgs.Builder.typePubsub());

    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(a.find("noor")).map(User::role).hasValue(Role.SUPERVISOR));
  }

  @Test
  void twoNodesCreatingTheSameLoginAtOnceMakeOneUserAndTheOtherGets409() throws Exception {
    RedisServer redis = redis(false);
    UserStore a = node(redis);
    UserStore b = node(redis);

    for (int i = 0; i < 5; i++) {
      String login = "agent" + i;
      Future<User> onA = a.create(agent(login, "from-a-password"));
      Future<User> onB = b.create(agent(login, "from-b-password"));
      await(Future.join(onA, onB).otherwiseEmpty());
      assertThat(onA.succeeded() ^ onB.succeeded()).as(login + ": exactly one wins").isTrue();
      Future<User> lost = onA.succeeded() ? onB : onA;
      assertThat(((HubException) lost.cause()).status()).isEqualTo(409);
      String winner = onA.succeeded() ? "from-a-password" : "from-b-password";
      assertThat(await(a.authenticate(login, winner)).login()).isEqualTo(login);
      assertThat(await(b.authenticate(login, winner)).login()).isEqualTo(login);
    }
  }

  @Test
  void seedingTheAdminOnEveryNodeCreatesItOnce() throws Exception {
    RedisServer redis = redis(false);
    UserStore a = node(redis);
    UserStore b = node(redis);

    Future<Boolean> onA = a.seedAdmin("admin-password-a");
    Future<Boolean> onB = b.seedAdmin("admin-password-b");
    assertThat(List.of(await(onA), await(onB))).containsExactlyInAnyOrder(true, false);
    assertThat(commands(redis).hlen(RedisUserRecords.KEY)).isEqualTo(1);
    String password = await(onA) ? "admin-password-a" : "admin-password-b";
    assertThat(await(b.authenticate("admin", password)).role()).isEqualTo(Role.ADMIN);
    assertThat(await(a.seedAdmin("another-password"))).isFalse();
  }

  @Test
  void whileRedisIsDownKnownUsersLogInAndCreatingOrUnknownLoginsAnswer503() throws Exception {
    RedisServer redis = redis(true);
    UserStore a = node(redis);
    UserStore b = node(redis);
    await(a.create(agent("mira", "mira-password-1")));
    await(b.authenticate("mira", "mira-password-1"));

    redis.kill();

    assertThat(await(b.authenticate("mira", "mira-password-1")).login()).isEqualTo("mira");
    Throwable creating = failure(a.create(agent("noor", "noor-password-1")));
    assertThat(((HubException) creating).status()).isEqualTo(503);
    assertThat(((HubException) creating).retryAfterSeconds()).isEqualTo(1);
    assertThat(status(b.authenticate("stranger", "whatever-password"))).isEqualTo(503);

    redis.start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> await(a.create(agent("noor", "noor-password-1"))) != null);
    assertThat(await(b.authenticate("noor", "noor-password-1")).login()).isEqualTo("noor");
  }

  @Test
  void aUserDisabledOnOneNodeHasItsTokenRefusedOnAnotherWithinASecond() throws Exception {
    Mira m = miraOnTwoNodes();
    UserStore a = m.a();
    UserStore b = m.b();
    AuthHandler authOnB = m.authOnB();
    String token = m.token();
    assertThat(await(authOnB.authenticate(token)).login()).isEqualTo("mira");
    ConcurrentLinkedQueue<String> revokedOnB = new ConcurrentLinkedQueue<>();
    b.onTokensRevoked(revokedOnB::add);

    await(a.update("mira", new UserChange(null, null, null, null, null, true)));

    // Redis announces the change; B reads the user again and its in-memory check refuses.
    Awaitility.await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(() -> assertThat(status(authOnB.authenticate(token))).isEqualTo(401));
    assertThat(revokedOnB).containsExactly("mira");
    assertThat(status(b.authenticate("mira", "mira-password-1"))).isEqualTo(401);
  }

  @Test
  void aRoleChangedOnOneNodeIsTheCallersRoleOnAnotherForItsNewToken() throws Exception {
    Mira m = miraOnTwoNodes();
    UserStore a = m.a();
    Tokens tokens = m.tokens();
    AuthHandler authOnB = m.authOnB();
    String agentToken = m.token();

    User supervisor =
        await(a.update("mira", new UserChange(null, Role.SUPERVISOR, null, null, null, null)));
    String supervisorToken = tokens.issue(supervisor);

    assertThat(await(authOnB.authenticate(supervisorToken)).role()).isEqualTo(Role.SUPERVISOR);
    Awaitility.await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(() -> assertThat(status(authOnB.authenticate(agentToken))).isEqualTo(401));
  }

  @Test
  void changesOfOneUserOnTwoNodesAtOnceAreAllKept() throws Exception {
    RedisServer redis = redis(false);
    UserStore a = node(redis);
    UserStore b = node(redis);
    await(a.create(agent("noor", "noor-password-1")));

    for (int i = 0; i < 5; i++) {
      Future<User> onA =
          a.update("noor", new UserChange("Noor " + i, null, null, null, null, null));
      Future<User> onB =
          b.update("noor", new UserChange(null, null, null, Optional.of("30" + i), null, null));
      await(Future.all(onA, onB));
      User stored =
          User.fromStoredJson(new JsonObject(commands(redis).hget(RedisUserRecords.KEY, "noor")));
      assertThat(stored.displayName()).isEqualTo("Noor " + i);
      assertThat(stored.extension()).isEqualTo("30" + i);
    }
  }

  private Tokens tokens() {
    Vertx vertx = Vertx.vertx();
    closing.add(
        () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    return new Tokens(
        vertx,
        new AuthOptions(
            "the JWT secret every node of this test shares".getBytes(StandardCharsets.UTF_8),
            AuthOptions.DEFAULT_TOKEN_TTL,
            null));
  }

  private UserStore node(RedisServer redis) throws Exception {
    Vertx vertx = Vertx.vertx();
    RedisClient client = RedisCluster.client(resources, redis.url());
    closing.add(
        () -> {
          vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
          client.shutdown();
        });
    RedisUserRecords records = new RedisUserRecords(client, client.connect());
    return await(UserStore.open(vertx, records));
  }

  private RedisCommands<String, String> commands(RedisServer redis) {
    RedisClient client = RedisCluster.client(resources, redis.url());
    closing.add(client::shutdown);
    return client.connect().sync();
  }

  private static NewUser agent(String login, String password) {
    return new NewUser(login, password, null, Role.AGENT, null, null);
  }

  private static Throwable failure(Future<?> f) {
    ExecutionException e = (ExecutionException) catchThrowable(() -> await(f));
    assertThat(e).isNotNull();
    return e.getCause();
  }

  private static int status(Future<?> f) {
    return ((HubException) failure(f)).status();
  }
}
