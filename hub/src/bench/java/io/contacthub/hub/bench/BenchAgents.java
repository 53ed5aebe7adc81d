package io.contacthub.hub.bench;

import io.contacthub.hub.auth.AuthOptions;
import io.contacthub.hub.auth.PasswordHasher;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.auth.User;
import io.contacthub.hub.auth.UserStore;
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
    String hash = new PasswordHasher().hash("bench-agent-password");
    Map<String, String> agents = new LinkedHashMap<>();
    JsonArray users = new JsonArray();
    for (int i = 1; i <= count; i++) {
      User u =
          new User(
              String.format("bench-%04d", i),
              String.format("Bench Agent %04d", i),
              Role.AGENT,
              null,
              String.format("%04d", i),
              Instant.now(),
              hash);
      agents.put(u.login(), u.displayName());
      users.add(u.toJson().put("passwordHash", hash));
    }
    Files.createDirectories(dataDir);
    Files.writeString(
        dataDir.resolve(UserStore.FILE_NAME),
        new JsonObject().put("users", users).encode(),
        StandardCharsets.UTF_8);
    return agents;
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
