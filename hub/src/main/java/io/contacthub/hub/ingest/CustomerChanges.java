package io.contacthub.hub.ingest;

import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.model.Customer;
import io.vertx.core.Future;
import java.util.List;

/**
 * Changes to customers that do not come with an interaction (a CRM import, an offer shown): decided
 * on the single writer like everything else, so a read-modify-write of attributes never loses a
 * concurrent change, and logged, so it survives a crash.
 */
public interface CustomerChanges {

  /**
   * Runs {@code change} on the writer thread against the current directory; the snapshots it
   * returns are applied and logged (cause {@code ATTRIBUTES}); the future completes once they are
   * durable (at once when nothing changed).
   */
  <T> Future<T> changeCustomers(Change<T> change);

  /** A read-decide step over the directory. */
  interface Change<T> {
    Decision<T> decide(CustomerDirectory directory);
  }

  /** The snapshots to write and the caller's answer. */
  record Decision<T>(List<Customer> changed, T result) {
    public Decision {
      changed = List.copyOf(changed);
    }
  }
}
