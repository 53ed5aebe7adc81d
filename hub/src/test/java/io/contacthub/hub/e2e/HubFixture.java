package io.contacthub.hub.e2e;

import io.contacthub.hub.HubApplication;
import io.contacthub.hub.config.ConfigLoader;
import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.stream.WebSockets;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real hub on a free loopback port with its own data dir, and a real HTTP client for it. Tests
 * call it synchronously: each call waits on the real response with a deadline.
 */
public final class HubFixture implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "admin-password-for-tests";
  public static final String INGEST_TOKEN = "ingest-token-for-tests";

  private final HubApplication app;
  private final Vertx clientVertx;
  private final WebClient client;

  private HubFixture(HubApplication app) {
    this.app = app;
    this.clientVertx = Vertx.vertx();
    this.client =
        WebClient.create(
            clientVertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port()));
  }

  public static HubFixture start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  public static HubFixture start(Path dataDir, Map<String, String> extraEnv) {
    return start(dataDir, extraEnv, new JsonObject());
  }

  /** With {@code overlay} deep-merged into the configuration (e.g. a connector's section). */
  public static HubFixture start(Path dataDir, Map<String, String> extraEnv, JsonObject overlay) {
    Map<String, String> env = new HashMap<>();
    env.put("HUB_HTTP_PORT", "0");
    env.put("HUB_HTTP_HOST", "127.0.0.1");
    env.put("HUB_DATA_DIR", dataDir.toString());
    env.put("HUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("HUB_INGEST_TOKEN", INGEST_TOKEN);
    env.putAll(extraEnv);
    HubConfig config = HubConfig.from(ConfigLoader.load(null, env).mergeIn(overlay, true));
    return new HubFixture(await(HubApplication.start(config)));
  }

  public int port() {
    return app.port();
  }

  public HubApplication app() {
    return app;
  }

  public Vertx clientVertx() {
    return clientVertx;
  }

  /** A response, read fully. */
  public record Response(int status, String contentType, Buffer body) {
    public JsonObject json() {
      return body.toJsonObject();
    }

    public Response expect(int expected) {
      if (status != expected) {
        throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
      }
      return this;
    }
  }

  public Response call(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> req = client.request(method, path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    Future<HttpResponse<Buffer>> sent;
    if (body == null) {
      sent = req.send();
    } else if (body instanceof JsonObject json) {
      sent = req.sendJsonObject(json);
    } else if (body instanceof Buffer raw) {
      sent = req.putHeader("content-type", "application/json").sendBuffer(raw);
    } else {
      throw new IllegalArgumentException("body must be JsonObject or Buffer");
    }
    HttpResponse<Buffer> r = await(sent);
    return new Response(
        r.statusCode(), r.getHeader("content-type"), r.body() == null ? Buffer.buffer() : r.body());
  }

  /** POSTs a raw body with its own content type (e.g. message/rfc822). */
  public Response postRaw(String path, String token, String contentType, Buffer body) {
    HttpRequest<Buffer> req =
        client.request(HttpMethod.POST, path).putHeader("content-type", contentType);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    HttpResponse<Buffer> r = await(req.sendBuffer(body));
    return new Response(
        r.statusCode(), r.getHeader("content-type"), r.body() == null ? Buffer.buffer() : r.body());
  }

  /** POSTs a raw RFC 822 mail to the email channel's inbound endpoint, with the ingest token. */
  public Response inboundMail(Buffer rfc822) {
    return postRaw("/channels/email/inbound", INGEST_TOKEN, "message/rfc822", rfc822);
  }

  /** POSTs a generic-CTI event, form-encoded as the phone system sends it, with its URL token. */
  public Response cti(String ctiToken, String form) {
    return postRaw(
        "/channels/phone/cti/" + ctiToken,
        null,
        "application/x-www-form-urlencoded",
        Buffer.buffer(form));
  }

  public Response get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  public Response post(String path, String token, JsonObject body) {
    return call(HttpMethod.POST, path, token, body);
  }

  /** POSTs an agent's text reply to a conversation. */
  public Response reply(String conversationId, String token, String text) {
    return post(
        "/api/v1/conversations/" + conversationId + "/replies",
        token,
        new JsonObject().put("text", text));
  }

  /** The first page of a customer's timeline, newest first, as {@code token} sees it. */
  public List<JsonObject> timeline(String customerId, String token) {
    return get("/api/v1/customers/" + customerId + "/timeline", token)
        .expect(200)
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  /** Ingests with the service token; returns the acknowledgement. */
  public JsonObject ingest(JsonObject interaction) {
    Response r = post("/api/v1/interactions", INGEST_TOKEN, interaction);
    if (r.status() != 201 && r.status() != 200) {
      throw new AssertionError("ingest failed with " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  public String login(String login, String password) {
    return post(
            "/api/v1/auth/login",
            null,
            new JsonObject().put("login", login).put("password", password))
        .expect(200)
        .json()
        .getString("accessToken");
  }

  public String adminToken() {
    return login("admin", ADMIN_PASSWORD);
  }

  /**
   * Gives an agent a routing profile (as admin): the one skill, and room for {@code capacity} items
   * on {@code channel}.
   */
  public void agentProfile(String login, String skill, String channel, int capacity) {
    call(
            HttpMethod.PUT,
            "/api/v1/agents/" + login + "/profile",
            adminToken(),
            new JsonObject()
                .put("skills", new JsonArray().add(skill))
                .put("capacity", new JsonObject().put(channel, capacity)))
        .expect(200);
  }

  /** Sets the presence of the agent {@code token} belongs to. */
  public void presence(String token, String presence) {
    call(
            HttpMethod.PUT,
            "/api/v1/agents/me/presence",
            token,
            new JsonObject().put("presence", presence))
        .expect(200);
  }

  /** Creates a user through the API (as admin) and returns a token for it. */
  public String userToken(String login, String role) {
    String password = login + "-password-123";
    post(
            "/api/v1/users",
            adminToken(),
            new JsonObject()
                .put("login", login)
                .put("password", password)
                .put("displayName", login)
                .put("role", role))
        .expect(201);
    return login(login, password);
  }

  /**
   * Opens {@code token}'s live stream on {@code client}; {@code beforeFirstFrame} sets the socket's
   * handlers before any frame can arrive.
   */
  public WebSocket openStream(
      WebSocketClient client, String token, Handler<WebSocket> beforeFirstFrame) {
    return await(
        WebSockets.connect(
            clientVertx,
            client,
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port())
                .setURI("/api/v1/stream?access_token=" + token),
            beforeFirstFrame));
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }

  @Override
  public void close() {
    client.close();
    await(clientVertx.close());
    await(app.stop());
  }
}
