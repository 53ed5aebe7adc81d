package io.contacthub.hub.auth;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users, kept in memory over their {@link UserRecords} (a file of this node's, or Redis in
 * cluster mode). Passwords are stored only as {@link PasswordHasher} hashes. Hashing and record I/O
 * run on a small named worker pool, so a flood of logins cannot take every worker thread. In
 * cluster mode the view follows other nodes' changes as they are announced, and a login this node
 * has not seen yet is read from the records before it is refused. Safe to share between event
 * loops.
 *
 * <p>Tokens are revoked by the user's token version ({@link User#tokenVersion}), raised by a
 * disable, a new password or a new role: {@link #callerOf} compares it with the token's, in memory,
 * and whoever holds open sessions hears of it through {@link #onTokensRevoked}.
 */
public final class UserStore {

  public static final String FILE_NAME = FileUserRecords.FILE_NAME;
  public static final String ADMIN_LOGIN = "admin";

  private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);
  private static final String WORKER_POOL = "hub-auth";
  private static final int WORKER_POOL_SIZE = 2;
  private static final HubException BAD_CREDENTIALS =
      new HubException(401, "Unauthorized", "invalid login or password");

  private final UserRecords records;
  private final WorkerExecutor worker;
  private final PasswordHasher hasher = new PasswordHasher();
  private final ConcurrentMap<String, User> users = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();
  private final List<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();

  /** Checked for unknown logins, so they cost as much time as a wrong password. */
  private final String decoyHash;

  private UserStore(UserRecords records, WorkerExecutor worker) {
    this.records = records;
    this.worker = worker;
    this.decoyHash = hasher.hash(UUID.randomUUID().toString());
  }

  /** The users of {@code dataDir} (the embedded mode's file), creating the directory if needed. */
  public static Future<UserStore> open(Vertx vertx, Path dataDir) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER_POOL, WORKER_POOL_SIZE);
    return worker
        .executeBlocking(() -> (UserRecords) new FileUserRecords(dataDir), false)
        .compose(records -> open(vertx, records));
  }

  /** The users kept in {@code records}. */
  public static Future<UserStore> open(Vertx vertx, UserRecords records) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER_POOL, WORKER_POOL_SIZE);
    return worker.executeBlocking(
        () -> {
          UserStore store = new UserStore(records, worker);
          // Watch before loading, so no change falls between the two.
          records.watch(store::changed);
          records.all().forEach(u -> store.users.put(u.login(), u));
          return store;
        },
        false);
  }

  /** Creates the {@code admin} user unless it exists; true when it was created (by this node). */
  public Future<Boolean> seedAdmin(String password) {
    if (users.containsKey(ADMIN_LOGIN)) {
      return Future.succeededFuture(false);
    }
    return create(new NewUser(ADMIN_LOGIN, password, "Administrator", Role.ADMIN, null, null))
        .map(true)
        .recover(
            e ->
                e instanceof HubException h && h.status() == 409
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(e));
  }

  /** Creates a user; fails with 409 when the login is taken (here or on another node). */
  public Future<User> create(NewUser n) {
    if (users.containsKey(n.login())) {
      return Future.failedFuture(taken(n.login()));
    }
    return worker.executeBlocking(
        () -> {
          User user =
              new User(
                  n.login(),
                  n.displayName(),
                  n.role(),
                  n.email(),
                  n.extension(),
                  Instant.now(),
                  hasher.hash(n.password()));
          synchronized (writeLock) {
            if (users.containsKey(user.login())) {
              throw taken(user.login());
            }
            List<User> everyone = new ArrayList<>(users.values());
            everyone.add(user);
            everyone.sort(Comparator.comparing(User::login));
            if (!records.add(user, everyone)) {
              // Another node took it first: show its user from now on.
              records.get(user.login()).ifPresent(u -> users.putIfAbsent(u.login(), u));
              throw taken(user.login());
            }
            users.put(user.login(), user);
          }
          return user;
        },
        false);
  }

  /**
   * The user with this login and password; fails with 401 otherwise, with the same message and
   * about the same delay whether the login exists or not.
   */
  public Future<User> authenticate(String login, String password) {
    return worker.executeBlocking(
        () -> {
          User user = login == null ? null : known(login);
          boolean matches =
              hasher.verify(
                  password == null ? "" : password, user == null ? decoyHash : user.passwordHash());
          // A disabled user gets the same answer: logins cannot be probed.
          if (user == null || !matches || user.disabled()) {
            throw BAD_CREDENTIALS;
          }
          return user;
        },
        false);
  }

  /**
   * Changes a user (admin); fails with 404 for an unknown login and with 409 when the change would
   * leave no enabled admin. In cluster mode the other admins are counted in this node's view, which
   * may lag other nodes' changes by a moment.
   */
  public Future<User> update(String login, UserChange change) {
    return worker.executeBlocking(
        () -> {
          String hash = change.password() == null ? null : hasher.hash(change.password());
          return replace(
              login,
              current -> {
                User next = change.applyTo(current, hash);
                if (isEnabledAdmin(current)
                    && !isEnabledAdmin(next)
                    && !anotherEnabledAdmin(login)) {
                  throw HubException.conflict(
                      "'"
                          + login
                          + "' is the last enabled admin: it cannot be disabled or demoted");
                }
                return next;
              });
        },
        false);
  }

  /**
   * The user's own password change; fails with 403 when {@code currentPassword} is wrong. Revokes
   * the user's earlier tokens, like a reset.
   */
  public Future<User> changePassword(String login, String currentPassword, String newPassword) {
    return worker.executeBlocking(
        () -> {
          User user = known(login);
          if (user == null || !hasher.verify(currentPassword, user.passwordHash())) {
            throw new HubException(403, "Forbidden", "the current password is not correct");
          }
          String hash = hasher.hash(newPassword);
          return replace(
              login,
              current ->
                  new UserChange(null, null, null, null, newPassword, null).applyTo(current, hash));
        },
        false);
  }

  /**
   * The caller a validly signed token of a user stands for now: the stored user, with its current
   * role and name, unless it is disabled or the token is older than its last revocation. A user
   * this node has not seen yet (created on another node a moment ago) is taken at its token's word.
   * In memory: no I/O per request.
   */
  public Optional<Caller> callerOf(VerifiedToken token) {
    User user = users.get(token.caller().login());
    if (user == null) {
      return Optional.of(token.caller());
    }
    // A token newer than this node's view was issued after a change not announced here yet: its
    // claims (a new role, say) are the newer truth.
    if (token.version() > user.tokenVersion()) {
      return Optional.of(token.caller());
    }
    if (user.disabled() || token.version() < user.tokenVersion()) {
      return Optional.empty();
    }
    return Optional.of(user.caller());
  }

  /**
   * Calls {@code listener} (on a worker thread) with the login of a user whose tokens were revoked,
   * here or on another node, so that sessions opened with them can be closed.
   */
  public void onTokensRevoked(Consumer<String> listener) {
    revocationListeners.add(listener);
  }

  public Optional<User> find(String login) {
    return Optional.ofNullable(users.get(login));
  }

  /** Every user, by login. */
  public List<User> list() {
    return users.values().stream().sorted(Comparator.comparing(User::login)).toList();
  }

  /** Every user, in no particular order: for lookups that visit all (no sort, no copy). */
  public java.util.Collection<User> unordered() {
    return java.util.Collections.unmodifiableCollection(users.values());
  }

  /** Stores {@code change} of a user through the records, then in the view. Blocking. */
  private User replace(String login, UnaryOperator<User> change) throws IOException {
    synchronized (writeLock) {
      User updated =
          records
              .update(login, change, users)
              .orElseThrow(() -> HubException.notFound("no user with login '" + login + "'"));
      keep(updated);
      return updated;
    }
  }

  /**
   * Puts a user in the view, telling the listeners when its tokens were revoked (also for a user
   * new to the view: a stream may have been opened with its token before this node knew it).
   */
  private void keep(User user) {
    User before = users.put(user.login(), user);
    if (user.tokenVersion() > (before == null ? 0 : before.tokenVersion())) {
      revocationListeners.forEach(l -> l.accept(user.login()));
    }
  }

  private static boolean isEnabledAdmin(User user) {
    return user.role() == Role.ADMIN && !user.disabled();
  }

  private boolean anotherEnabledAdmin(String login) {
    return users.values().stream().anyMatch(u -> !u.login().equals(login) && isEnabledAdmin(u));
  }

  /**
   * The user from the view, or from the records when the view lacks it: another node may have
   * created it a moment ago, before its announcement arrived.
   */
  private User known(String login) throws IOException {
    User user = users.get(login);
    if (user != null) {
      return user;
    }
    Optional<User> stored = records.get(login);
    stored.ifPresent(u -> users.put(u.login(), u));
    return stored.orElse(null);
  }

  /** Another node changed a user (null: any user): read it again, off the caller's thread. */
  private void changed(String login) {
    worker
        .executeBlocking(
            () -> {
              if (login == null) {
                List<User> all = records.all();
                all.forEach(this::keep);
                users.keySet().retainAll(all.stream().map(User::login).toList());
              } else {
                records.get(login).ifPresentOrElse(this::keep, () -> users.remove(login));
              }
              return null;
            },
            false)
        .onFailure(
            e ->
                LOG.warn(
                    "Could not read {} again ({}); this node keeps its view until the next change",
                    login == null ? "the users" : "user " + login,
                    e.getMessage()));
  }

  private static HubException taken(String login) {
    return HubException.conflict("a user with login '" + login + "' exists");
  }
}
