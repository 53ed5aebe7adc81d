package io.contacthub.hub.cluster;

import io.contacthub.hub.auth.User;
import io.contacthub.hub.auth.UserRecords;
import io.contacthub.hub.model.HubException;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.json.JsonObject;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Cluster mode's users: one Redis hash, login to the stored JSON (with the password hash, never the
 * password). A new login is taken with HSETNX, so two nodes creating the same login get one user
 * and one 409; a change of a user replaces its JSON only if it is still the JSON the change was
 * made from (a compare-and-set script), else the change is made again from the newer one. Each
 * change is then announced on a pub/sub channel, and every node reads that user again. Pub/sub is
 * at most once: after its subscription reconnects, a node reads every user again. While Redis is
 * unreachable, every operation here fails with 503 (Retry-After 1).
 */
final class RedisUserRecords implements UserRecords {

  static final String KEY = "contacthub:users";
  static final String CHANNEL = "contacthub:users:changed";

  /** Replaces the user ARGV[1] by ARGV[3] if its stored JSON is still ARGV[2]: 1 if replaced. */
  private static final String REPLACE_IF_UNCHANGED =
      "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then "
          + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) return 1 else return 0 end";

  /** Changes racing this often for one user are not a race but a storm: let the caller retry. */
  private static final int MAX_ATTEMPTS = 10;

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
      announce(user.login());
    }
    return added;
  }

  @Override
  public Optional<User> update(String login, UnaryOperator<User> change, Map<String, User> view) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      String stored = call(() -> commands.hget(KEY, login));
      if (stored == null) {
        return Optional.empty();
      }
      User updated = change.apply(User.fromStoredJson(new JsonObject(stored)));
      String json = updated.toStoredJson().encode();
      boolean replaced =
          call(
              () ->
                  commands.<Boolean>eval(
                      REPLACE_IF_UNCHANGED,
                      ScriptOutputType.BOOLEAN,
                      new String[] {KEY},
                      login,
                      stored,
                      json));
      if (replaced) {
        // Best effort too: a node that misses it keeps the old user until its next full read
        // (at the latest when its subscription reconnects).
        announce(login);
        return Optional.of(updated);
      }
    }
    throw HubException.conflict("user '" + login + "' is being changed by others; retry");
  }

  private void announce(String login) {
    try {
      commands.publish(CHANNEL, login);
    } catch (RedisException e) {
      // Stored all the same; the others read it later.
    }
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
