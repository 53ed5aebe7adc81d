package io.contacthub.hub.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** One hub node: the packaged jar in a child JVM, in cluster mode, with a small HTTP client. */
final class HubNode implements AutoCloseable {

  static final String INGEST_TOKEN = "cluster-test-ingest-token";
  static final String ADMIN_PASSWORD = "cluster-test-admin-password";
  static final String JWT_SECRET = "cluster-test-jwt-secret-of-at-least-32-bytes";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String name;
  private final int port;
  private final Path data;
  private final Map<String, String> env;
  private Process process;

  private HubNode(String name, int port, Path data, Map<String, String> env) {
    this.name = name;
    this.port = port;
    this.data = data;
    this.env = env;
  }

  /** Starts a node and waits until it is ready. */
  static HubNode start(String name, Path data, String redisUrl, Map<String, String> extraEnv)
      throws IOException {
    HubNode node = new HubNode(name, RedisServer.freePort(), data, extraEnv);
    node.start(redisUrl);
    return node;
  }

  /** Starts nodes side by side (their JVMs warm up at the same time), then waits for each. */
  static List<HubNode> startAll(
      List<String> names, Path data, String redisUrl, Map<String, String> extraEnv)
      throws IOException {
    List<HubNode> nodes = new ArrayList<>();
    try {
      for (String name : names) {
        HubNode node = new HubNode(name, RedisServer.freePort(), data, extraEnv);
        nodes.add(node);
        node.launch(redisUrl);
      }
      for (HubNode node : nodes) {
        node.awaitReady();
      }
      return nodes;
    } catch (IOException | RuntimeException e) {
      nodes.forEach(HubNode::close);
      throw e;
    }
  }

  /** Starts (again, after {@link #kill}: same port, same data dir) and waits until ready. */
  void start(String redisUrl) throws IOException {
    launch(redisUrl);
    awaitReady();
  }

  private void launch(String redisUrl) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(java, "-Xmx384m", "-jar", System.getProperty("hub.jar"))
            .redirectErrorStream(true)
            .redirectOutput(
                data.resolve(name + "-" + System.nanoTime() + ".log").toFile().getAbsoluteFile());
    Map<String, String> e = pb.environment();
    e.put("HUB_HTTP_PORT", String.valueOf(port));
    e.put("HUB_HTTP_HOST", "127.0.0.1");
    e.put("HUB_DATA_DIR", data.resolve(name).toString());
    e.put("HUB_NODE_ID", name);
    e.put("HUB_REDIS_URL", redisUrl);
    e.put("HUB_INGEST_TOKEN", INGEST_TOKEN);
    e.put("HUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    e.put("HUB_AUTH_JWT_SECRET", JWT_SECRET);
    e.putAll(env);
    process = pb.start();
  }

  private void awaitReady() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> get("/health/ready", null).statusCode() == 200);
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  String login(String login, String password) throws Exception {
    JsonObject creds = new JsonObject().put("login", login).put("password", password);
    HttpResponse<String> r = post("/api/v1/auth/login", null, "application/json", creds.encode());
    if (r.statusCode() != 200) {
      throw new AssertionError(name + ": login " + login + " answered " + r.statusCode());
    }
    return new JsonObject(r.body()).getString("accessToken");
  }

  /** Creates an agent through this node and returns the password. */
  String createAgent(String login) throws Exception {
    String password = login + "-password-123";
    JsonObject user =
        new JsonObject()
            .put("login", login)
            .put("password", password)
            .put("displayName", login)
            .put("role", "agent");
    HttpResponse<String> r = createUser(user);
    if (r.statusCode() != 201) {
      throw new AssertionError(name + ": creating " + login + " answered " + r.statusCode());
    }
    return password;
  }

  /** {@code POST /api/v1/users} as the admin. */
  HttpResponse<String> createUser(JsonObject user) throws Exception {
    return post("/api/v1/users", login("admin", ADMIN_PASSWORD), "application/json", user.encode());
  }

  HttpResponse<byte[]> getBytes(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(
        b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> put(String path, String token, JsonObject body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token);
    return HTTP.send(
        b.PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Whether this node routes now (cluster routing: the node that holds the lead). */
  boolean routes() throws IOException, InterruptedException {
    return new JsonObject(get("/health/ready", null).body()).getBoolean("routes", false);
  }

  /** POST /api/v1/interactions with the ingest token. */
  HttpResponse<String> ingest(JsonObject interaction) throws IOException, InterruptedException {
    return post("/api/v1/interactions", INGEST_TOKEN, "application/json", interaction.encode());
  }

  /** POST /api/v1/interactions:batch with the ingest token. */
  HttpResponse<String> ingestBatch(List<JsonObject> interactions)
      throws IOException, InterruptedException {
    JsonObject body = new JsonObject().put("items", new JsonArray(new ArrayList<>(interactions)));
    return post("/api/v1/interactions:batch", INGEST_TOKEN, "application/json", body.encode());
  }

  /** The frame type the queue of {@link #stream} gets when the connection ends. */
  static final String CLOSED = "test.connection-closed";

  /**
   * Opens the live stream with {@code token}; frames arrive in the returned queue, then a {@link
   * #CLOSED} frame when the connection ends.
   */
  BlockingQueue<JsonObject> stream(String token) throws Exception {
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    HTTP.newWebSocketBuilder()
        .buildAsync(
            URI.create("ws://127.0.0.1:" + port + "/api/v1/stream?access_token=" + token),
            new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  frames.add(new JsonObject(text.toString()));
                  text.setLength(0);
                }
                ws.request(1);
                return null;
              }

              @Override
              public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                frames.add(new JsonObject().put("type", CLOSED));
                return null;
              }

              @Override
              public void onError(WebSocket ws, Throwable error) {
                frames.add(new JsonObject().put("type", CLOSED));
              }
            })
        .get(20, TimeUnit.SECONDS);
    return frames;
  }

  /** The next frame of {@code type}, skipping others; fails after 15 s. */
  static JsonObject next(BlockingQueue<JsonObject> frames, String type) throws Exception {
    List<JsonObject> seen = framesUntil(frames, type);
    return seen.get(seen.size() - 1);
  }

  /** The frames up to and including the next of {@code type}; fails after 15 s. */
  static List<JsonObject> framesUntil(BlockingQueue<JsonObject> frames, String type)
      throws Exception {
    List<JsonObject> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
      if (f != null) {
        seen.add(f);
        if (type.equals(f.getString("type"))) {
          return seen;
        }
      }
    }
    throw new AssertionError("no " + type + " frame within 15 s; got " + seen);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroyForcibly();
    }
  }
}
