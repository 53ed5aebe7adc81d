package io.contacthub.hub.auth;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Where the user records are kept: a file of this node's in the embedded mode, Redis in cluster
 * mode (every node sees the same users). {@link UserStore} keeps its in-memory view over them. The
 * methods block: call them off the event loop.
 */
public interface UserRecords {

  /** Every stored user. */
  List<User> all() throws IOException;

  /**
   * Stores a new user unless its login is taken, atomically for everyone sharing these records.
   *
   * @param everyone this node's users with the new one, for records that rewrite the whole set
   * @return false when the login is taken
   */
  boolean add(User user, List<User> everyone) throws IOException;

  /**
   * Replaces a stored user by {@code change} of it, atomically for everyone sharing these records:
   * when another node changed the user meanwhile, {@code change} is applied again to its version,
   * so no change is lost. {@code change} may throw to refuse.
   *
   * @param view this node's users, for records that rewrite the whole set
   * @return the user as now stored; empty when no user has this login
   */
  Optional<User> update(String login, UnaryOperator<User> change, Map<String, User> view)
      throws IOException;

  /** The stored user with this login, read again (a login this node has not seen yet). */
  Optional<User> get(String login) throws IOException;

  /**
   * Calls {@code changed} with the login of a user someone else added or changed, or with null when
   * anything may have changed (notifications were missed); never for records only this node writes.
   */
  void watch(Consumer<String> changed);
}
