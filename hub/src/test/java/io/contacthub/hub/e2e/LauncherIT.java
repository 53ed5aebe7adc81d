package io.contacthub.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's run command as a user types it: {@code hub/bin/contact-hub} from the repository
 * root, with the shipped {@code config/hub.yaml} and {@code config/offers.yaml}. Every connector
 * and feature the shipped configuration turns on must start from the packaged jar alone.
 */
@Timeout(180)
class LauncherIT {

  private static final String ADMIN_PASSWORD = "launcher-test-admin-password";

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process hub;

  @AfterEach
  void stopHub() {
    if (hub != null) {
      hub.destroyForcibly();
    }
  }

  @Test
  void theRunCommandStartsTheHubWithTheShippedConfiguration() throws Exception {
    // GIVEN the repository root, as the README runs it
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("config/hub.yaml")).exists();
    int port = freePort();
    Path log = data.resolve("hub.log");
    ProcessBuilder pb = launcher(root, port);
    // a fresh shell: the launcher finds a JDK >= 21 by itself (the machine's default java is older)
    pb.environment().remove("JAVA_HOME");

    // WHEN it starts
    hub = pb.start();

    // THEN it becomes ready, prints where the desktop is, and runs the shipped offer rules
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(hub.isAlive()).as("hub process; log:%n%s", Files.readString(log)).isTrue();
              return get(port, "/health/ready", null).statusCode() == 200;
            });
    assertThat(Files.readString(log)).contains("http://");
    String token =
        new JsonObject(
                post(
                        port,
                        "/api/v1/auth/login",
                        new JsonObject()
                            .put("login", "admin")
                            .put("password", ADMIN_PASSWORD)
                            .encode())
                    .body())
            .getString("accessToken");
    HttpResponse<String> rules = get(port, "/api/v1/offers/rules", token);
    assertThat(rules.statusCode()).isEqualTo(200);
    JsonObject loaded = new JsonObject(rules.body());
    assertThat(loaded.getJsonArray("rules")).isNotEmpty();
    assertThat(loaded.getValue("lastError")).isNull();
    assertThat(get(port, "/widget.js", null).statusCode()).isEqualTo(200);
  }

  /** The heap's size from {@code HUB_HEAP}, or from an {@code -Xmx} in {@code HUB_JAVA_OPTS}. */
  @ParameterizedTest
  @CsvSource({"HUB_HEAP, 512m", "HUB_JAVA_OPTS, -Xmx512m"})
  void theHeapIsFixedAndOnHugePagesWhereTheKernelOffersThem(String variable, String value)
      throws Exception {
    // GIVEN the launcher, started as the README does, with a heap size of its own
    Path root = Path.of("").toAbsolutePath().getParent();
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean offered =
        Files.exists(thp) && Files.readString(thp).matches("(?s).*\\[(always|madvise)\\].*");
    ProcessBuilder pb = launcher(root, freePort());
    pb.environment().put(variable, value);

    // WHEN it has started the JVM (it replaces itself with it)
    hub = pb.start();
    awaitJvm();

    // THEN the heap neither grows nor shrinks, and its options ask for huge pages and touch the
    // heap exactly when the kernel offers them (docs/operations.md, "JVM options")
    assertThat(hub.info().arguments().orElseThrow())
        .as("JVM options with transparent huge pages %s", offered ? "offered" : "not offered")
        .containsSubsequence(
            "-XX:G1HeapWastePercent=20",
            "-XX:-ClassUnloadingWithConcurrentMark",
            "-XX:MetaspaceSize=128m",
            "-XX:SweeperThreshold=50",
            "-Xms512m",
            "-Xmx512m",
            "-jar")
        .satisfies(
            args -> {
              if (offered) {
                assertThat(args).contains("-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch");
              } else {
                assertThat(args)
                    .doesNotContain("-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch");
              }
            });
  }

  @Test
  void hubJarRunsAnotherCopyOfTheJarWithTheSameOptions() throws Exception {
    // GIVEN a copy of the jar elsewhere, as the benchmarks run one, and an option with a '*'
    Path root = Path.of("").toAbsolutePath().getParent();
    Path copy = Files.copy(root.resolve("hub/target/contact-hub.jar"), data.resolve("copy.jar"));
    String gcLog = "-Xlog:gc*:file=" + data.resolve("gc.log");
    ProcessBuilder pb = launcher(root, freePort());
    pb.environment().put("HUB_JAR", copy.toString());
    pb.environment().put("HUB_HEAP", "512m");
    pb.environment().put("HUB_JAVA_OPTS", gcLog);

    // WHEN the launcher has started the JVM
    hub = pb.start();
    awaitJvm();

    // THEN it runs the copy with the launcher's options and the given one, verbatim
    assertThat(hub.info().arguments().orElseThrow())
        .as("JVM arguments; output:%n%s", Files.readString(data.resolve("hub.log")))
        .containsSubsequence("-XX:MaxGCPauseMillis=50", "-Xms512m", gcLog, "-jar", copy.toString());
  }

  /** Waits until the launcher has replaced itself with the hub's JVM, which must then run. */
  private void awaitJvm() throws IOException {
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                !hub.isAlive()
                    || hub.info().arguments().stream()
                        .flatMap(java.util.Arrays::stream)
                        .anyMatch(a -> a.equals("-jar")));
    assertThat(hub.isAlive())
        .as("the JVM runs; its output:%n%s", Files.readString(data.resolve("hub.log")))
        .isTrue();
  }

  /**
   * {@code hub/bin/contact-hub} from {@code root}, on {@code port}, with its data and its output
   * ({@code hub.log}) in the test's directory.
   */
  private ProcessBuilder launcher(Path root, int port) {
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("hub/bin/contact-hub").toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("hub.log").toFile());
    pb.environment().put("HUB_HTTP_PORT", String.valueOf(port));
    pb.environment().put("HUB_HTTP_HOST", "127.0.0.1");
    pb.environment().put("HUB_DATA_DIR", data.resolve("hub").toString());
    pb.environment().put("HUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    return pb;
  }

  private HttpResponse<String> get(int port, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
