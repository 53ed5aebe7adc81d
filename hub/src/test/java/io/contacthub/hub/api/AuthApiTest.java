package io.contacthub.hub.api;

import static io.contacthub.hub.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthApiTest extends ApiServerTest {

  private static HttpResponse<Buffer> login(String login, String password) {
    return api.request(HttpMethod.POST, "/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("login", login).put("password", password))
        .await();
  }

  @Test
  void loginReturnsBearerTokenAndUser() {
    HttpResponse<Buffer> response = login("alice", ApiServer.PASSWORD);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("tokenType")).isEqualTo("Bearer");
    assertThat(body.getString("accessToken")).contains(".");
    assertThat(body.getLong("expiresIn")).isEqualTo(10 * 3600L);
    assertThat(body.getJsonObject("user"))
        .isEqualTo(
            new JsonObject()
                .put("login", "alice")
                .put("displayName", "Alice")
                .put("role", "agent"));
    assertThat(response.bodyAsString()).doesNotContain("pbkdf2");
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSame401() {
    HttpResponse<Buffer> wrong = login("alice", "not the password");
    HttpResponse<Buffer> unknown = login("mallory", ApiServer.PASSWORD);

    String wrongDetail = assertProblem(wrong, 401);
    assertThat(assertProblem(unknown, 401)).isEqualTo(wrongDetail);
    assertThat(wrong.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void loginWithoutPasswordIs400NamingTheField() {
    HttpResponse<Buffer> response =
        api.request(HttpMethod.POST, "/api/v1/auth/login")
            .sendJsonObject(new JsonObject().put("login", "alice"))
            .await();

    assertThat(assertProblem(response, 400)).contains("password");
  }

  @Test
  void apiWithoutTokenIs401WithChallenge() {
    HttpResponse<Buffer> response = api.request(HttpMethod.GET, "/api/v1/me").send().await();

    assertProblem(response, 401);
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"contact-hub\"");
  }

  @Test
  void forgedTokenIs401() {
    String token = api.token("alice");
    String forged =
        token.substring(0, token.lastIndexOf('.') + 1)
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    HttpResponse<Buffer> response =
        api.request(HttpMethod.GET, "/api/v1/me").bearerTokenAuthentication(forged).send().await();

    assertProblem(response, 401);
    assertThat(response.getHeader("WWW-Authenticate")).contains("invalid_token");
  }

  @Test
  void meAnswersTheCallerWithoutHash() {
    HttpResponse<Buffer> response = api.as("alice", HttpMethod.GET, "/api/v1/me").send().await();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject me = response.bodyAsJsonObject();
    assertThat(me.getString("login")).isEqualTo("alice");
    assertThat(me.getString("extension")).isEqualTo("201");
    assertThat(me.containsKey("passwordHash")).isFalse();
  }

  @Test
  void supervisorListsUsersAgentMayNot() {
    HttpResponse<Buffer> bySupervisor =
        api.as("sue", HttpMethod.GET, "/api/v1/users").send().await();
    HttpResponse<Buffer> byAgent = api.as("alice", HttpMethod.GET, "/api/v1/users").send().await();

    assertThat(bySupervisor.statusCode()).isEqualTo(200);
    assertThat(
            bySupervisor.bodyAsJsonObject().getJsonArray("items").stream()
                .map(u -> ((JsonObject) u).getString("login")))
        .contains("admin", "alice", "bob", "sue");
    assertThat(bySupervisor.bodyAsString()).doesNotContain("pbkdf2").doesNotContain("passwordHash");
    assertThat(assertProblem(byAgent, 403)).contains("supervisor");
  }

  @Test
  void adminCreatesUserWhoCanLogIn() {
    JsonObject newUser =
        new JsonObject()
            .put("login", "carol")
            .put("password", "a long enough password")
            .put("displayName", "Carol")
            .put("role", "supervisor")
            .put("extension", "305");

    HttpResponse<Buffer> created =
        api.as("admin", HttpMethod.POST, "/api/v1/users").sendJsonObject(newUser).await();
    HttpResponse<Buffer> again =
        api.as("admin", HttpMethod.POST, "/api/v1/users").sendJsonObject(newUser).await();

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("role")).isEqualTo("supervisor");
    assertThat(created.bodyAsString())
        .doesNotContain("a long enough password")
        .doesNotContain("pbkdf2");
    assertProblem(again, 409);
    assertThat(login("carol", "a long enough password").statusCode()).isEqualTo(200);
  }

  @Test
  void onlyAdminsCreateUsers() {
    JsonObject newUser =
        new JsonObject()
            .put("login", "dave")
            .put("password", "a long enough password")
            .put("displayName", "Dave")
            .put("role", "admin");

    HttpResponse<Buffer> response =
        api.as("sue", HttpMethod.POST, "/api/v1/users").sendJsonObject(newUser).await();

    assertThat(assertProblem(response, 403)).contains("admin");
    assertThat(api.users.find("dave")).isEmpty();
  }

  @Test
  void newUserSchemaIsEnforced() {
    JsonObject shortPassword =
        new JsonObject()
            .put("login", "Eve Smith")
            .put("password", "short")
            .put("displayName", "Eve")
            .put("role", "service");

    HttpResponse<Buffer> response =
        api.as("admin", HttpMethod.POST, "/api/v1/users").sendJsonObject(shortPassword).await();

    assertThat(assertProblem(response, 400)).containsAnyOf("login", "password", "role");
  }

  @Test
  void serviceTokenMayIngestButNotRead() {
    HttpResponse<Buffer> read =
        api.asService(HttpMethod.GET, "/api/v1/customers/c-1").send().await();
    HttpResponse<Buffer> me = api.asService(HttpMethod.GET, "/api/v1/me").send().await();

    assertProblem(read, 403);
    assertProblem(me, 403);
  }

  @Test
  void agentMayNotIngest() {
    HttpResponse<Buffer> response =
        api.as("alice", HttpMethod.POST, "/api/v1/interactions")
            .sendJsonObject(IngestApiTest.email("agent-1"))
            .await();

    assertThat(assertProblem(response, 403)).contains("service or admin");
  }
}
