package io.contacthub.hub.api;

import static io.contacthub.hub.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.stream.WebSockets;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Changing users over real HTTP: PATCH /api/v1/users/{login}, POST /api/v1/me/password, and the
 * revocation of the tokens (and streams) of a disabled, reset or re-roled user. Each test changes
 * only users it creates itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserAdminApiTest extends ApiServerTest {

  static final String OTHER_PASSWORD = "another good password";

  @Test
  void adminChangesFieldsAndTheAnswerIsTheUserWithoutHash() {
    createUser("frank", "agent");

    HttpResponse<Buffer> changed =
        patch(
            "admin",
            "frank",
            new JsonObject()
                .put("displayName", "Frank Castle")
                .put("email", "frank@example.com")
                .put("extension", "301"));
    HttpResponse<Buffer> cleared =
        patch("admin", "frank", new JsonObject().putNull("email").put("role", "supervisor"));

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getString("displayName")).isEqualTo("Frank Castle");
    assertThat(changed.bodyAsJsonObject().getString("email")).isEqualTo("frank@example.com");
    assertThat(changed.bodyAsJsonObject().getString("extension")).isEqualTo("301");
    assertThat(changed.bodyAsJsonObject().getBoolean("disabled")).isFalse();
    assertThat(changed.bodyAsString()).doesNotContain("pbkdf2").doesNotContain("passwordHash");
    assertThat(cleared.statusCode()).isEqualTo(200);
    assertThat(cleared.bodyAsJsonObject().getString("email")).isNull();
    assertThat(cleared.bodyAsJsonObject().getString("extension")).isEqualTo("301");
    assertThat(cleared.bodyAsJsonObject().getString("role")).isEqualTo("supervisor");
    JsonObject listed =
        api.as("admin", HttpMethod.GET, "/api/v1/users").send().await().bodyAsJsonObject();
    assertThat(
            listed.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(u -> u.getString("login").equals("frank"))
                .findFirst()
                .orElseThrow()
                .getString("displayName"))
        .isEqualTo("Frank Castle");
  }

  @Test
  void aResetPasswordLogsInAndTheOldOneAndTheOldTokenNoLonger() {
    createUser("grace", "agent");
    String oldToken = login("grace", ApiServer.PASSWORD);

    HttpResponse<Buffer> reset =
        patch("admin", "grace", new JsonObject().put("password", OTHER_PASSWORD));

    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.bodyAsString()).doesNotContain(OTHER_PASSWORD);
    assertProblem(loginResponse("grace", ApiServer.PASSWORD), 401);
    String newToken = login("grace", OTHER_PASSWORD);
    assertThat(assertProblem(me(oldToken), 401)).contains("revoked");
    assertThat(me(newToken).statusCode()).isEqualTo(200);
  }

  @Test
  void aDisabledUserCannotLogInLikeAWrongPasswordAndItsTokenIsRefused() {
    createUser("heidi", "agent");
    String token = login("heidi", ApiServer.PASSWORD);
    assertThat(me(token).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> disabled = patch("admin", "heidi", new JsonObject().put("disabled", true));

    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(disabled.bodyAsJsonObject().getBoolean("disabled")).isTrue();
    assertProblem(me(token), 401);
    HttpResponse<Buffer> refused = loginResponse("heidi", ApiServer.PASSWORD);
    HttpResponse<Buffer> wrongPassword = loginResponse("alice", "not the password at all");
    assertProblem(refused, 401);
    assertThat(refused.bodyAsJsonObject()).isEqualTo(wrongPassword.bodyAsJsonObject());
    assertThat(refused.getHeader("WWW-Authenticate"))
        .isEqualTo(wrongPassword.getHeader("WWW-Authenticate"));

    assertThat(patch("admin", "heidi", new JsonObject().put("disabled", false)).statusCode())
        .isEqualTo(200);
    assertThat(me(login("heidi", ApiServer.PASSWORD)).statusCode()).isEqualTo(200);
    assertProblem(me(token), 401);
  }

  @Test
  void aRoleChangeRevokesTheOldTokenAndTheNewRoleAppliesAtOnce() {
    createUser("ivan", "admin");
    String adminToken = login("ivan", ApiServer.PASSWORD);
    assertThat(users(adminToken).statusCode()).isEqualTo(200);

    assertThat(patch("admin", "ivan", new JsonObject().put("role", "agent")).statusCode())
        .isEqualTo(200);

    assertProblem(users(adminToken), 401);
    String agentToken = login("ivan", ApiServer.PASSWORD);
    assertThat(me(agentToken).bodyAsJsonObject().getString("role")).isEqualTo("agent");
    assertThat(assertProblem(users(agentToken), 403)).contains("supervisor");
  }

  @Test
  void theLastEnabledAdminCannotBeDisabledOrDemotedButAnotherAdminCan() {
    // "admin" is the only enabled admin here (tests that make admins demote or disable them).
    createUser("judy", "admin");
    assertThat(patch("admin", "judy", new JsonObject().put("disabled", true)).statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> disablingSelf =
        patch("admin", "admin", new JsonObject().put("disabled", true));
    HttpResponse<Buffer> demotingSelf =
        patch("admin", "admin", new JsonObject().put("role", "supervisor"));

    assertThat(assertProblem(disablingSelf, 409)).contains("last enabled admin");
    assertProblem(demotingSelf, 409);
    assertThat(me(api.token("admin")).bodyAsJsonObject().getString("role")).isEqualTo("admin");
  }

  @Test
  void anUnknownLoginIs404() {
    assertThat(assertProblem(patch("admin", "nobody", new JsonObject().put("disabled", true)), 404))
        .contains("nobody");
  }

  @Test
  void onlyAdminsChangeUsers() {
    createUser("karl", "agent");

    HttpResponse<Buffer> bySupervisor =
        patch("sue", "karl", new JsonObject().put("disabled", true));
    HttpResponse<Buffer> byAgent = patch("alice", "karl", new JsonObject().put("role", "admin"));

    assertThat(assertProblem(bySupervisor, 403)).contains("admin");
    assertProblem(byAgent, 403);
    assertThat(api.users.find("karl").orElseThrow().disabled()).isFalse();
  }

  @Test
  void invalidFieldsAre400() {
    createUser("liam", "agent");

    assertThat(assertProblem(patch("admin", "liam", new JsonObject().put("role", "service")), 400))
        .contains("role");
    assertThat(
            assertProblem(patch("admin", "liam", new JsonObject().put("password", "short")), 400))
        .contains("password");
    assertProblem(patch("admin", "liam", new JsonObject().put("disabled", "yes")), 400);
    assertProblem(patch("admin", "liam", new JsonObject().put("passwordHash", "x")), 400);
    assertProblem(patch("admin", "liam", new JsonObject()), 400);
    assertThat(login("liam", ApiServer.PASSWORD)).isNotBlank();
  }

  @Test
  void usersChangeTheirOwnPasswordWithTheCurrentOne() {
    createUser("mona", "agent");
    String token = login("mona", ApiServer.PASSWORD);

    HttpResponse<Buffer> wrong = changeMyPassword(token, "not my password", OTHER_PASSWORD);
    HttpResponse<Buffer> tooShort = changeMyPassword(token, ApiServer.PASSWORD, "short");
    assertThat(assertProblem(wrong, 403)).doesNotContain(ApiServer.PASSWORD);
    assertThat(assertProblem(tooShort, 400)).contains("newPassword");
    assertThat(me(token).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> changed = changeMyPassword(token, ApiServer.PASSWORD, OTHER_PASSWORD);

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    String fresh = changed.bodyAsJsonObject().getString("accessToken");
    assertThat(me(fresh).bodyAsJsonObject().getString("login")).isEqualTo("mona");
    assertProblem(me(token), 401);
    assertProblem(loginResponse("mona", ApiServer.PASSWORD), 401);
    assertThat(login("mona", OTHER_PASSWORD)).isNotBlank();
  }

  @Test
  void theStreamOfADisabledUserIsClosedAndItsTokenCannotOpenAnother() throws Exception {
    createUser("nina", "agent");
    String token = login("nina", ApiServer.PASSWORD);
    WebSocketClient client = vertx.createWebSocketClient();
    CompletableFuture<Void> hello = new CompletableFuture<>();
    WebSocket socket =
        WebSockets.connect(
                vertx,
                client,
                stream(token),
                ws ->
                    ws.textMessageHandler(
                        text -> {
                          if ("hello".equals(new JsonObject(text).getString("type"))) {
                            hello.complete(null);
                          }
                        }))
            .await();
    hello.get(10, TimeUnit.SECONDS);

    assertThat(patch("admin", "nina", new JsonObject().put("disabled", true)).statusCode())
        .isEqualTo(200);

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(socket::isClosed);
    assertThat(socket.closeStatusCode()).isEqualTo((short) 1008);
    assertThat(socket.closeReason()).contains("revoked");
    Throwable refused =
        client
            .connect(stream(token))
            .toCompletionStage()
            .toCompletableFuture()
            .handle((ws, e) -> e)
            .get(10, TimeUnit.SECONDS);
    assertThat(refused).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(401);
    client.close().await();
  }

  @Test
  void theIngestTokenIsUnaffected() {
    createUser("otto", "admin");
    patch("admin", "otto", new JsonObject().put("disabled", true));

    HttpResponse<Buffer> ingest =
        api.asService(HttpMethod.POST, "/api/v1/interactions")
            .sendJsonObject(IngestApiTest.email("after-revocations"))
            .await();

    assertThat(ingest.statusCode()).as(ingest.bodyAsString()).isIn(200, 201, 202);
  }

  private static void createUser(String login, String role) {
    HttpResponse<Buffer> created =
        api.as("admin", HttpMethod.POST, "/api/v1/users")
            .sendJsonObject(
                new JsonObject()
                    .put("login", login)
                    .put("password", ApiServer.PASSWORD)
                    .put("displayName", login)
                    .put("role", role))
            .await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
  }

  private static HttpResponse<Buffer> patch(String as, String login, JsonObject change) {
    return api.as(as, HttpMethod.PATCH, "/api/v1/users/" + login).sendJsonObject(change).await();
  }

  private static HttpResponse<Buffer> loginResponse(String login, String password) {
    return api.request(HttpMethod.POST, "/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("login", login).put("password", password))
        .await();
  }

  private static String login(String login, String password) {
    HttpResponse<Buffer> response = loginResponse(login, password);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("accessToken");
  }

  private static HttpResponse<Buffer> me(String token) {
    return api.request(HttpMethod.GET, "/api/v1/me")
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  private static HttpResponse<Buffer> users(String token) {
    return api.request(HttpMethod.GET, "/api/v1/users")
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  private static HttpResponse<Buffer> changeMyPassword(
      String token, String currentPassword, String newPassword) {
    return api.request(HttpMethod.POST, "/api/v1/me/password")
        .bearerTokenAuthentication(token)
        .sendJsonObject(
            new JsonObject()
                .put("currentPassword", currentPassword)
                .put("newPassword", newPassword))
        .await();
  }

  private static WebSocketConnectOptions stream(String token) {
    return new WebSocketConnectOptions()
        .setHost("localhost")
        .setPort(api.port)
        .setURI("/api/v1/stream?access_token=" + token);
  }
}
