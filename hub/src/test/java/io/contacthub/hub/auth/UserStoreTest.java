package io.contacthub.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserStoreTest {

  @TempDir Path dataDir;
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void usersSurviveARestartAndTheFileHoldsOnlyHashes() throws Exception {
    UserStore store = UserStore.open(vertx, dataDir).await();
    store.seedAdmin("admin password 1").await();
    store
        .create(new NewUser("alice", "alice password", "Alice", Role.AGENT, "a@x.io", "201"))
        .await();

    String file = Files.readString(dataDir.resolve(UserStore.FILE_NAME));
    UserStore reopened = UserStore.open(vertx, dataDir).await();

    assertThat(file).doesNotContain("admin password 1").doesNotContain("alice password");
    assertThat(new JsonObject(file).getJsonArray("users")).hasSize(2);
    assertThat(file).contains("$pbkdf2-sha256$i=210000$");
    assertThat(reopened.list()).extracting(User::login).containsExactly("admin", "alice");
    assertThat(reopened.find("alice").orElseThrow().extension()).isEqualTo("201");
    assertThat(reopened.authenticate("alice", "alice password").await().role())
        .isEqualTo(Role.AGENT);
    assertThat(Files.getPosixFilePermissions(dataDir.resolve(UserStore.FILE_NAME)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.exists(dataDir.resolve(UserStore.FILE_NAME + ".tmp"))).isFalse();
  }

  @Test
  void seedAdminOnlyOnce() {
    UserStore store = UserStore.open(vertx, dataDir).await();

    boolean first = store.seedAdmin("first password").await();
    boolean second = store.seedAdmin("second password").await();

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(store.find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
    assertThat(store.authenticate("admin", "first password").await().login()).isEqualTo("admin");
  }

  @Test
  void wrongPasswordAndUnknownLoginFailAlike() {
    UserStore store = UserStore.open(vertx, dataDir).await();
    store.seedAdmin("admin password").await();

    Throwable wrong = catchThrowable(() -> store.authenticate("admin", "guess").await());
    Throwable unknown = catchThrowable(() -> store.authenticate("root", "guess").await());

    assertThat(wrong).isInstanceOf(HubException.class).hasMessage(unknown.getMessage());
    assertThat(((HubException) wrong).status()).isEqualTo(401);
  }

  @Test
  void takenLoginIs409() {
    UserStore store = UserStore.open(vertx, dataDir).await();
    store.create(new NewUser("bob", "password one", "Bob", Role.AGENT, null, null)).await();

    Throwable failure =
        catchThrowable(
            () ->
                store
                    .create(new NewUser("bob", "password two", "Bob", Role.ADMIN, null, null))
                    .await());

    assertThat(((HubException) failure).status()).isEqualTo(409);
    assertThat(store.find("bob").orElseThrow().role()).isEqualTo(Role.AGENT);
  }

  @Test
  void userToStringLeavesOutTheHash() {
    UserStore store = UserStore.open(vertx, dataDir).await();
    User user =
        store
            .create(new NewUser("carol", "password three", "Carol", Role.ADMIN, null, null))
            .await();

    assertThat(user.toString()).doesNotContain("pbkdf2");
    assertThat(user.toJson().containsKey("passwordHash")).isFalse();
  }

  @Test
  void aChangeIsWrittenToTheFileAndRevokesEarlierTokensAfterARestart() throws Exception {
    UserStore store = UserStore.open(vertx, dataDir).await();
    store.seedAdmin("admin password 1").await();
    User alice =
        store
            .create(new NewUser("alice", "alice password", "Alice", Role.AGENT, null, null))
            .await();
    VerifiedToken issuedBefore = new VerifiedToken(alice.caller(), alice.tokenVersion());

    store.update("alice", new UserChange(null, null, null, null, "a new password", true)).await();
    UserStore reopened = UserStore.open(vertx, dataDir).await();

    User stored = reopened.find("alice").orElseThrow();
    assertThat(stored.disabled()).isTrue();
    assertThat(stored.tokenVersion()).isEqualTo(alice.tokenVersion() + 1);
    assertThat(reopened.callerOf(issuedBefore)).isEmpty();
    assertThat(Files.readString(dataDir.resolve(UserStore.FILE_NAME)))
        .doesNotContain("a new password");
    assertThat(Files.exists(dataDir.resolve(UserStore.FILE_NAME + ".tmp"))).isFalse();
  }

  @Test
  void theStoredRoleIsTheCallersAndANewNameRevokesNothing() throws Exception {
    UserStore store = UserStore.open(vertx, dataDir).await();
    User bob =
        store.create(new NewUser("bob", "bob password 1", "Bob", Role.ADMIN, null, null)).await();
    store.create(new NewUser("root", "root password", "Root", Role.ADMIN, null, null)).await();
    VerifiedToken token = new VerifiedToken(bob.caller(), bob.tokenVersion());

    store.update("bob", new UserChange("Robert", null, null, null, null, null)).await();
    assertThat(store.callerOf(token)).map(Caller::displayName).hasValue("Robert");
    store.update("bob", new UserChange(null, Role.AGENT, null, null, null, null)).await();

    assertThat(store.callerOf(token)).isEmpty();
    User demoted = store.find("bob").orElseThrow();
    assertThat(store.callerOf(new VerifiedToken(bob.caller(), demoted.tokenVersion())))
        .map(Caller::role)
        .hasValue(Role.AGENT);
  }

  @Test
  void theLastEnabledAdminStaysAnEnabledAdmin() {
    UserStore store = UserStore.open(vertx, dataDir).await();
    store.seedAdmin("admin password 1").await();

    HubException disabling =
        (HubException)
            catchThrowable(
                () ->
                    store
                        .update("admin", new UserChange(null, null, null, null, null, true))
                        .await());
    HubException unknown =
        (HubException)
            catchThrowable(
                () ->
                    store
                        .update("ghost", new UserChange("Ghost", null, null, null, null, null))
                        .await());

    assertThat(disabling.status()).isEqualTo(409);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(store.find("admin").orElseThrow().disabled()).isFalse();
  }
}
