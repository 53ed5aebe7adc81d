package io.contacthub.hub.cluster;

import io.contacthub.hub.auth.User;
import io.contacthub.hub.auth.UserRecords;
import io.contacthub.hub.model.HubException;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.json.JsonObject;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Cluster mode's users: one Redis hash, login to the stored JSON (with the password hash, never the
 * password). A new login is taken with HSETNX, so two nodes creating the same login get one user
 * and one 409; each change is then announced on a pub/sub channel, and every node reads that user
 * again. Pub/sub is at most once: after its subscription reconnects, a node reads every user again.
 * While Redis is unreachable, every operation here fails with 503 (Retry-After 1).
 */
final class RedisUserRecords implements UserRecords {

  static final String KEY = "contacthub:users";
  static final String CHANNEL = "contacthub:users:changed";

  private final RedisCommands<String, String> commands;
  private final StatefulRedisPubSubConnection<String, String> subscription;
  private volatile Consumer<String> changed = login -> {};

  /** Subscribes to the announcements on a connection of its own. Blocking. */
  RedisUserRecords(RedisClient client, StatefulRedisConnection<String, String> connection) {
    this.commands = connection.sync();
    this.subscription = client.connectPubSub();
    subscription.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String login) {
            changed.accept(login);
          }
        });
    client.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisConnected(RedisChannelHandler<?, ?> reconnected, SocketAddress at) {
            // Announcements may have been missed while the subscription was down. Either
            // connection may come back last, and reading needs both: read again after each
            // (once more at start: harmless).
            if (reconnected == subscription || reconnected == connection) {
              changed.accept(null);
            }
          }
        });
    subscription.sync().subscribe(CHANNEL);
  }

  @Override
  public List<User> all() {
    return call(() -> commands.hvals(KEY)).stream()
        .map(json -> User.fromStoredJson(new JsonObject(json)))
        .toList();
  }

  @Override
  public boolean add(User user, List<User> everyone) {
    boolean added = call(() -> commands.hsetnx(KEY, user.login(), user.toStoredJson().encode()));
    if (added) {
      // Announcing is best effort: a node that misses it reads the user at its first login there.
      try {
        commands.publish(CHANNEL, user.login());
      } catch (RedisException e) {
        // The user is stored; the others find it on demand.
      }
    }
    return added;
  }

  @Override
  public Optional<User> get(String login) {
    String json = call(() -> commands.hget(KEY, login));
    return json == null ? Optional.empty() : Optional.of(User.fromStoredJson(new JsonObject(json)));
  }

  @Override
  public void watch(Consumer<String> changed) {
    this.changed = changed;
  }

  private static <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw HubException.unavailable(
          "the users are kept in Redis, which cannot be reached (" + e.getMessage() + ")", 1);
    }
  }
}
