package io.contacthub.hub.query;

import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.ingest.IngestSequencer;
import io.contacthub.hub.model.Interaction;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per customer, the log sequence number of the newest interaction the index may not show yet. The
 * index shows a write one refresh after its acknowledgement; a timeline read in between waits for
 * it (read-your-writes) instead of missing it, and only that customer's reads wait. Told of every
 * durable record before its ingest is acknowledged; an entry goes once the index shows it.
 */
public final class RecentCustomerWrites implements IngestSequencer.ChangeListener {

  /** Entries the index already shows are dropped at every record whose seq is a multiple of it. */
  private static final long PRUNE_EVERY = 1024;

  private final Map<String, Long> newest = new ConcurrentHashMap<>();
  private final LongSupplier searchableSeq;

  /**
   * @param searchableSeq the newest log sequence number the index shows
   */
  public RecentCustomerWrites(LongSupplier searchableSeq) {
    this.searchableSeq = searchableSeq;
  }

  @Override
  public void durable(long seq, ChangeRecord record) {
    for (Interaction i : record.interactions()) {
      newest.merge(i.customerId(), seq, Math::max);
    }
    if (seq % PRUNE_EVERY == 0) {
      long searchable = searchableSeq.getAsLong();
      newest.values().removeIf(s -> s <= searchable);
    }
  }

  /** Customers with a write the index may not show yet (some it shows wait for the next prune). */
  int waiting() {
    return newest.size();
  }

  /**
   * The newest sequence number written for any of {@code customerIds} that the index does not show
   * yet, or -1 if it shows them all.
   */
  public long unsearched(Set<String> customerIds) {
    long searchable = searchableSeq.getAsLong();
    long max = -1;
    for (String id : customerIds) {
      Long seq = newest.get(id);
      if (seq != null && seq > searchable) {
        max = Math.max(max, seq);
      }
    }
    return max;
  }
}
