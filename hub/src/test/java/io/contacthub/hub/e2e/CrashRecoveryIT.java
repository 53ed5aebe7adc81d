package io.contacthub.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged hub in a child JVM, kills it with SIGKILL in the middle of a stream of
 * acknowledged ingests, restarts it on the same data dir and checks that every acknowledged
 * interaction is there exactly once.
 */
@Timeout(240)
class CrashRecoveryIT {

  private static final String TOKEN = "crash-test-ingest-token";
  private static final String ADMIN_PASSWORD = "crash-test-admin-password";
  private static final int IN_FLIGHT = 16;

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process hub;

  @AfterEach
  void killHub() {
    if (hub != null) {
      hub.destroyForcibly();
    }
  }

  @Test
  void everyAcknowledgedIngestSurvivesKillNineExactlyOnce() throws Exception {
    int port = freePort();
    hub = startHub(port);
    awaitReady(port);

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> sent = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    List<CompletableFuture<Void>> senders = new ArrayList<>();
    for (int s = 0; s < IN_FLIGHT; s++) {
      senders.add(
          CompletableFuture.runAsync(() -> sendUntilRefused(port, next, sent, acknowledged)));
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 400);
    hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
    CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(hub.exitValue()).isEqualTo(137);

    hub = startHub(port);
    awaitReady(port);
    String agent = login(port);
    Map<String, Integer> stored = countTimeline(port, agent);

    assertThat(stored.keySet()).containsAll(acknowledged);
    assertThat(stored.values()).allMatch(n -> n == 1);
    assertThat(sent).containsAll(stored.keySet());

    // Idempotency survives the restart too.
    String again = acknowledged.iterator().next();
    HttpResponse<String> retry =
        post(port, "/api/v1/interactions", TOKEN, crashChat(again).encode());
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(retry.body()).getBoolean("duplicate")).isTrue();
  }

  private void sendUntilRefused(int port, AtomicInteger next, Set<String> sent, Set<String> acked) {
    while (true) {
      String id = "crash-" + next.getAndIncrement();
      sent.add(id);
      try {
        HttpResponse<String> r = post(port, "/api/v1/interactions", TOKEN, crashChat(id).encode());
        if (r.statusCode() == 201) {
          acked.add(id);
        }
      } catch (IOException e) {
        return; // the hub is gone: this request may or may not have been stored
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Map<String, Integer> countTimeline(int port, String agent) throws Exception {
    String customer =
        new JsonObject(get(port, "/api/v1/customers?identity=visitor:crash-visitor", agent).body())
            .getString("customerId");
    Map<String, Integer> counts = new HashMap<>();
    String cursor = null;
    do {
      String path =
          "/api/v1/customers/"
              + customer
              + "/timeline?limit=200"
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonObject page = new JsonObject(get(port, path, agent).body());
      page.getJsonArray("items")
          .forEach(o -> counts.merge(((JsonObject) o).getString("externalId"), 1, Integer::sum));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return counts;
  }

  private Process startHub(int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(java, "-Xmx512m", "-jar", System.getProperty("hub.jar"))
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("hub-" + System.nanoTime() + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("HUB_HTTP_PORT", String.valueOf(port));
    env.put("HUB_HTTP_HOST", "127.0.0.1");
    env.put("HUB_DATA_DIR", data.resolve("hub").toString());
    env.put("HUB_INGEST_TOKEN", TOKEN);
    env.put("HUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    return pb.start();
  }

  private void awaitReady(int port) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> get(port, "/health/ready", null).statusCode() == 200);
  }

  private String login(int port) throws Exception {
    JsonObject creds = new JsonObject().put("login", "admin").put("password", ADMIN_PASSWORD);
    return new JsonObject(post(port, "/api/v1/auth/login", null, creds.encode()).body())
        .getString("accessToken");
  }

  private HttpResponse<String> get(int port, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(
        b.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static JsonObject crashChat(String externalId) {
    return Interactions.chat(externalId, "crash-visitor", "message " + externalId);
  }
}
