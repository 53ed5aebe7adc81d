package io.contacthub.hub.timeline;

/**
 * Told of each refresh that changed what searches see, on the thread that refreshed: how long it
 * took (flushing what was applied into a segment and opening a searcher on it) and the highest log
 * sequence number searches now show. Time to searchable is the wait for a refresh plus this.
 */
@FunctionalInterface
public interface RefreshObserver {

  RefreshObserver NONE = (nanos, searchableSeq) -> {};

  void refreshed(long nanos, long searchableSeq);
}
