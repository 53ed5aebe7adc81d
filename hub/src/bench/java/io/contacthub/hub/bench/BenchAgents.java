package io.contacthub.hub.bench;

import io.contacthub.hub.auth.AuthOptions;
import io.contacthub.hub.auth.PasswordHasher;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.auth.User;
import io.contacthub.hub.auth.UserStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's agents, written into the hub's user file before it starts, with tokens the bench
 * signs with the hub's JWT secret. Creating and logging in 1,000 agents through the API would cost
 * 2,000 deliberately slow password hashes (minutes on two cores) and measure nothing the bench is
 * about; one hash shared by all and the hub's own token issuer give the same users and tokens.
 */
final class BenchAgents {

  static final String JWT_SECRET = "bench-jwt-secret-0123456789abcdef0123456789";

  private BenchAgents() {}

  /** Writes {@code count} agents {@code bench-0001..}; returns login -> display name. */
  static Map<String, String> write(Path dataDir, int count) throws IOException {
    List<User> agents = agents(count);
    JsonArray users = new JsonArray();
    agents.forEach(u -> users.add(u.toStoredJson()));
    Files.createDirectories(dataDir);
    Files.writeString(
        dataDir.resolve(UserStore.FILE_NAME),
        new JsonObject().put("users", users).encode(),
        StandardCharsets.UTF_8);
    return names(agents);
  }

  /**
   * The same agents for a cluster: written into the Redis hash the nodes read their users from at
   * start (cluster mode keeps users there, not in the nodes' files).
   */
  static Map<String, String> writeToRedis(String redisUrl, int count) {
    List<User> agents = agents(count);
    RedisClient client = RedisClient.create(redisUrl);
    try (StatefulRedisConnection<String, String> redis = client.connect()) {
      Map<String, String> stored = new LinkedHashMap<>();
      agents.forEach(u -> stored.put(u.login(), u.toStoredJson().encode()));
      redis.sync().hset("contacthub:users", stored);
    } finally {
      client.shutdown();
    }
    return names(agents);
  }

  private static List<User> agents(int count) {
    String hash = new PasswordHasher().hash("bench-agent-password");
    List<User> agents = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      agents.add(
          new User(
              String.format("bench-%04d", i),
              String.format("Bench Agent %04d", i),
              Role.AGENT,
              null,
              String.format("%04d", i),
              Instant.now(),
              hash));
    }
    return agents;
  }

  private static Map<String, String> names(List<User> agents) {
    Map<String, String> names = new LinkedHashMap<>();
    agents.forEach(u -> names.put(u.login(), u.displayName()));
    return names;
  }

  /** Access tokens as the hub would issue them at login. */
  static Map<String, String> tokens(Vertx vertx, Map<String, String> agents) {
    Tokens issuer =
        new Tokens(
            vertx,
            new AuthOptions(
                JWT_SECRET.getBytes(StandardCharsets.UTF_8), AuthOptions.DEFAULT_TOKEN_TTL, null));
    Map<String, String> tokens = new LinkedHashMap<>();
    agents.forEach(
        (login, name) ->
            tokens.put(
                login,
                issuer.issue(
                    new User(login, name, Role.AGENT, null, null, Instant.now(), "unused"))));
    return tokens;
  }

  static List<String> logins(Map<String, String> agents) {
    return new ArrayList<>(agents.keySet());
  }
}
