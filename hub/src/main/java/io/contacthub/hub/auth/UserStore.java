package io.contacthub.hub.auth;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The users, kept in memory and in {@code <dataDir>/users.json}, which every change rewrites
 * atomically (temporary file, fsync, rename, fsync of the directory). Passwords are stored only as
 * {@link PasswordHasher} hashes. Hashing and file writes run on a small named worker pool, so a
 * flood of logins cannot take every worker thread. Safe to share between event loops.
 */
public final class UserStore {

  public static final String FILE_NAME = "users.json";
  public static final String ADMIN_LOGIN = "admin";

  private static final String WORKER_POOL = "hub-auth";
  private static final int WORKER_POOL_SIZE = 2;
  private static final HubException BAD_CREDENTIALS =
      new HubException(401, "Unauthorized", "invalid login or password");

  private final Path file;
  private final WorkerExecutor worker;
  private final PasswordHasher hasher = new PasswordHasher();
  private final ConcurrentMap<String, User> users = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();

  /** Checked for unknown logins, so they cost as much time as a wrong password. */
  private final String decoyHash;

  private UserStore(Path file, WorkerExecutor worker, List<User> loaded) {
    this.file = file;
    this.worker = worker;
    loaded.forEach(u -> users.put(u.login(), u));
    this.decoyHash = hasher.hash(UUID.randomUUID().toString());
  }

  /** Loads the users of {@code dataDir}, creating the directory if needed. */
  public static Future<UserStore> open(Vertx vertx, Path dataDir) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER_POOL, WORKER_POOL_SIZE);
    Path file = dataDir.resolve(FILE_NAME);
    return worker.executeBlocking(
        () -> {
          Files.createDirectories(dataDir);
          return new UserStore(file, worker, load(file));
        },
        false);
  }

  /** Creates the {@code admin} user unless it exists; true when it was created. */
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

  /** Creates a user; fails with 409 when the login is taken. */
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
            if (users.putIfAbsent(user.login(), user) != null) {
              throw taken(user.login());
            }
            try {
              persist();
            } catch (IOException | RuntimeException e) {
              users.remove(user.login(), user);
              throw e;
            }
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
          User user = login == null ? null : users.get(login);
          boolean matches =
              hasher.verify(
                  password == null ? "" : password, user == null ? decoyHash : user.passwordHash());
          if (user == null || !matches) {
            throw BAD_CREDENTIALS;
          }
          return user;
        },
        false);
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

  private static HubException taken(String login) {
    return HubException.conflict("a user with login '" + login + "' exists");
  }

  private static List<User> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    return json.getJsonArray("users", new JsonArray()).stream()
        .map(o -> User.fromStoredJson((JsonObject) o))
        .toList();
  }

  private void persist() throws IOException {
    JsonArray all = new JsonArray();
    list().forEach(u -> all.add(u.toStoredJson()));
    byte[] bytes =
        new JsonObject().put("users", all).encodePrettily().getBytes(StandardCharsets.UTF_8);
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            ownerOnly())) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.getParent());
  }

  /** The file holds password hashes: readable by the hub's user only, where the OS can say so. */
  private static FileAttribute<?>[] ownerOnly() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }

  /** Makes the rename durable; some platforms cannot open a directory, and lose nothing else. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not supported here (e.g. Windows): the rename itself is still atomic.
    }
  }
}
