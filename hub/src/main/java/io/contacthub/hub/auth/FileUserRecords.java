package io.contacthub.hub.auth;

import io.contacthub.hub.log.DurableFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The embedded mode's users: {@code <dataDir>/users.json}, which every change rewrites atomically
 * (temporary file, fsync, rename, fsync of the directory). Only this node writes it, so the node's
 * view is the whole truth: there is nothing to read again and nothing to watch.
 */
public final class FileUserRecords implements UserRecords {

  public static final String FILE_NAME = "users.json";

  private final Path file;

  /** The records in {@code dataDir}, creating the directory if needed. Blocking. */
  public FileUserRecords(Path dataDir) throws IOException {
    this.file = Files.createDirectories(dataDir).resolve(FILE_NAME);
  }

  @Override
  public List<User> all() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    return json.getJsonArray("users", new JsonArray()).stream()
        .map(o -> User.fromStoredJson((JsonObject) o))
        .toList();
  }

  /** The caller has checked the login is free in its view, which is the whole truth here. */
  @Override
  public boolean add(User user, List<User> everyone) throws IOException {
    write(everyone);
    return true;
  }

  /** The view is the whole truth here: the change applies to its user. */
  @Override
  public Optional<User> update(String login, UnaryOperator<User> change, Map<String, User> view)
      throws IOException {
    User current = view.get(login);
    if (current == null) {
      return Optional.empty();
    }
    User updated = change.apply(current);
    Map<String, User> everyone = new TreeMap<>(view);
    everyone.put(login, updated);
    write(List.copyOf(everyone.values()));
    return Optional.of(updated);
  }

  private void write(List<User> everyone) throws IOException {
    JsonArray all = new JsonArray();
    everyone.forEach(u -> all.add(u.toStoredJson()));
    byte[] bytes =
        new JsonObject().put("users", all).encodePrettily().getBytes(StandardCharsets.UTF_8);
    DurableFiles.replace(file, out -> out.write(bytes), ownerOnly());
  }

  @Override
  public Optional<User> get(String login) {
    return Optional.empty();
  }

  @Override
  public void watch(Consumer<String> changed) {
    // Nobody else writes this file.
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
}
