package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthOptions;
import io.contacthub.hub.auth.NewUser;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.UserStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on a free port serving {@link HttpApi#router}, over the in-memory stand-ins of
 * the hub core, with users {@code admin}, {@code sue} (supervisor), {@code alice} and {@code bob}
 * (agents), all with {@link #PASSWORD}. Its methods block: call them from the test thread.
 */
public final class ApiServer {

  public static final String PASSWORD = "correct horse battery";
  public static final String INGEST_TOKEN = "ingest-token-for-tests-0123456789";
  public static final byte[] SECRET =
      "a test secret that is long enough for HS256".getBytes(StandardCharsets.UTF_8);

  public final Vertx vertx;
  public final RecordingIngestService ingest = new RecordingIngestService();
  public final StubQueryService query = new StubQueryService();
  public final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  public final AtomicReference<Future<JsonObject>> readiness =
      new AtomicReference<>(Future.succeededFuture(new JsonObject().put("log", "UP")));
  public final UserStore users;
  public final Router router;
  private final ApiDependencies dependencies;
  public final int port;
  public final WebClient client;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  private ApiServer(Vertx vertx, UserStore users, ApiOptions options) {
    this.vertx = vertx;
    this.users = users;
    AuthOptions auth = new AuthOptions(SECRET, AuthOptions.DEFAULT_TOKEN_TTL, INGEST_TOKEN);
    // No routing, offers, CRM import, canned responses, signals or stream history: the routes
    // that need them are not mounted.
    this.dependencies =
        new ApiDependencies(
            ingest,
            query,
            new io.contacthub.hub.reply.ReplyService(
                ingest, query, channel -> java.util.Optional.empty()),
            io.contacthub.hub.calls.CallDispositions.from(new io.vertx.core.json.JsonObject()),
            attachments(),
            users,
            auth,
            options,
            metrics,
            null,
            readiness::get,
            null,
            null,
            null,
            null,
            null);
    this.router = HttpApi.router(vertx, dependencies);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    this.port = server.actualPort();
    this.client = WebClient.create(vertx);
  }

  public static ApiServer start(Vertx vertx, Path dataDir, ApiOptions options) {
    UserStore users = UserStore.open(vertx, dataDir).await();
    Future.all(
            users.seedAdmin(PASSWORD),
            users.create(new NewUser("sue", PASSWORD, "Sue", Role.SUPERVISOR, null, null)),
            users.create(new NewUser("alice", PASSWORD, "Alice", Role.AGENT, null, "201")),
            users.create(new NewUser("bob", PASSWORD, "Bob", Role.AGENT, null, "202")))
        .await();
    return new ApiServer(vertx, users, options);
  }

  /** What this server's router was built from, to build another one. */
  public ApiDependencies dependencies() {
    return dependencies;
  }

  public HttpRequest<Buffer> request(HttpMethod method, String uri) {
    return client.request(method, port, "localhost", uri);
  }

  /** A request with the access token of {@code login}. */
  public HttpRequest<Buffer> as(String login, HttpMethod method, String uri) {
    return request(method, uri).bearerTokenAuthentication(token(login));
  }

  /** A request with the ingest token (role SERVICE). */
  public HttpRequest<Buffer> asService(HttpMethod method, String uri) {
    return request(method, uri).bearerTokenAuthentication(INGEST_TOKEN);
  }

  /** Logs in once per user and keeps the token. */
  public String token(String login) {
    return tokens.computeIfAbsent(
        login,
        l ->
            request(HttpMethod.POST, "/api/v1/auth/login")
                .sendJsonObject(new JsonObject().put("login", l).put("password", PASSWORD))
                .await()
                .bodyAsJsonObject()
                .getString("accessToken"));
  }

  private static io.contacthub.hub.attachments.AttachmentStore attachments() {
    try {
      return new io.contacthub.hub.attachments.DiskAttachmentStore(
          java.nio.file.Files.createTempDirectory("attachments"), 1024 * 1024);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
