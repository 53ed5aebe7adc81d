package io.contacthub.hub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub under test: the packaged jar in its own JVM on loopback, with a fresh data directory,
 * started by the launcher users run ({@code bin/contact-hub} of the jar's module), so that it has
 * the JVM options the launcher gives; on the same JDK as the bench (which the build selected as >=
 * 21).
 */
final class HubProcess implements AutoCloseable {

  static final String ADMIN_PASSWORD = "bench-admin-password";
  static final String INGEST_TOKEN = "bench-ingest-token-0123456789";

  /** G1 says {@code used 458752K}, ZGC {@code used 596M}. */
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)([KM])");

  private final Process process;
  private final int port;

  private HubProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a private copy of {@code jar}, so that nothing that finds hub processes by their command
   * line (a clean-up after tests, say) mistakes the hub under measurement for one of its own.
   */
  static HubProcess start(
      Path jar, Path work, Path dataDir, String heap, List<String> jvmArgs, Path logFile)
      throws IOException {
    return start(jar, work, dataDir, heap, jvmArgs, logFile, Map.of(), List.of());
  }

  /** With arguments for the hub itself, e.g. {@code --config file}. */
  static HubProcess start(
      Path jar,
      Path work,
      Path dataDir,
      String heap,
      List<String> jvmArgs,
      List<String> hubArgs,
      Path logFile)
      throws IOException {
    return start(jar, work, dataDir, heap, jvmArgs, logFile, Map.of(), hubArgs);
  }

  /** The same, with more environment (e.g. a connector's token) and hub arguments. */
  static HubProcess start(
      Path jar,
      Path work,
      Path dataDir,
      String heap,
      List<String> jvmArgs,
      Path logFile,
      Map<String, String> extraEnv,
      List<String> hubArgs)
      throws IOException {
    Files.createDirectories(work);
    Path copy = work.resolve("hub-under-bench.jar");
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    int port = freePort();
    List<String> command = new ArrayList<>(List.of("bash", launcher(jar).toString()));
    command.addAll(hubArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", java().getParent().getParent().toString());
    env.put("HUB_JAR", copy.toString());
    env.put("HUB_HEAP", heap);
    env.put("HUB_JAVA_OPTS", javaOpts(jvmArgs));
    env.put("HUB_HTTP_HOST", "127.0.0.1");
    env.put("HUB_HTTP_PORT", Integer.toString(port));
    env.put("HUB_DATA_DIR", dataDir.toString());
    env.put("HUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("HUB_INGEST_TOKEN", INGEST_TOKEN);
    env.putAll(extraEnv);
    return new HubProcess(builder.start(), port);
  }

  /**
   * A node of the cluster on {@code redisUrl}, in {@code work/<name>}, that accepts the bench
   * agents' tokens; {@code moreEnv} adds to its environment.
   */
  static HubProcess clusterNode(
      Path jar, Path work, String name, String redisUrl, String heap, Map<String, String> moreEnv)
      throws IOException {
    Path dir = work.resolve(name);
    Files.createDirectories(dir);
    Map<String, String> env = new java.util.HashMap<>(moreEnv);
    env.put("HUB_REDIS_URL", redisUrl);
    env.put("HUB_NODE_ID", name);
    env.put("HUB_AUTH_JWT_SECRET", BenchAgents.JWT_SECRET);
    return start(
        jar, dir, dir.resolve("data"), heap, List.of(), dir.resolve("hub.log"), env, List.of());
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** The options the hub's JVM runs with, as its command line shows them (up to {@code -jar}). */
  String jvmOptions() {
    List<String> args =
        process.info().arguments().map(List::of).orElse(List.of("(not shown by the OS)"));
    int jar = args.indexOf("-jar");
    return String.join(" ", jar < 0 ? args : args.subList(0, jar));
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The hub's heap in use right after a full collection, in bytes. */
  long heapUsedAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    if (!m.find()) {
      throw new IOException("no heap figure in jcmd GC.heap_info:\n" + info);
    }
    return Long.parseLong(m.group(1)) << (m.group(2).equals("M") ? 20 : 10);
  }

  /** CPU used so far by each kind of hub thread. */
  ThreadCpu threadCpu() throws IOException, InterruptedException {
    return ThreadCpu.of(pid());
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = java().resolveSibling("jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + command + " failed:\n" + out);
    }
    return out;
  }

  /** SIGKILL: the node dies as in a crash, with no shutdown of any kind. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM (the hub drains its log and commits the index), then SIGKILL after two minutes. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** {@code bin/contact-hub} of the module whose {@code target/} holds {@code jar}. */
  private static Path launcher(Path jar) throws IOException {
    Path module = jar.toAbsolutePath().getParent().getParent();
    Path launcher = module.resolve("bin").resolve("contact-hub");
    if (!Files.isRegularFile(launcher)) {
      throw new IOException(
          "no launcher at " + launcher + ": the hub jar is expected in the hub module's target/");
    }
    return launcher;
  }

  /** The launcher splits {@code HUB_JAVA_OPTS} at white space. */
  private static String javaOpts(List<String> jvmArgs) {
    for (String arg : jvmArgs) {
      if (arg.isBlank() || arg.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a hub JVM option cannot contain white space: " + arg);
      }
    }
    return String.join(" ", jvmArgs);
  }

  private static Path java() {
    return Path.of(ProcessHandle.current().info().command().orElse("java"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
