package io.contacthub.hub.routing.engine;

import io.contacthub.hub.routing.work.WorkItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open items as they stood at one moment, for a snapshot written on another thread while
 * routing goes on changing them. Copy on write: routing hands over an item's state the first time
 * it changes it after that moment, and the snapshot copies the others a slice at a time as it
 * writes them.
 *
 * <p>Why not copy every item at that moment: with 200,000 open items the copies were some 18 MB
 * that lived for the second or two the snapshot took to write, and a young collection falling in
 * that time had to copy them too. That collection ran over its pause goal, the collector shrank the
 * young generation in answer, and more pauses followed while requests waited. A slice's copies die
 * as soon as it is written; the items routing changes meanwhile are a few thousand at most.
 */
public final class PreservedItems {

  private final WorkItem[] items;
  private final Map<WorkItem, WorkItem> before = new IdentityHashMap<>();
  private boolean released;

  PreservedItems(Collection<WorkItem> open) {
    this.items = open.toArray(WorkItem[]::new);
  }

  public int size() {
    return items.length;
  }

  /**
   * Copies of the items from {@code from} (inclusive) to {@code to} (exclusive), as they stood at
   * the moment this was made; on any thread.
   */
  public synchronized List<WorkItem> copies(int from, int to) {
    if (released) {
      throw new IllegalStateException("released");
    }
    List<WorkItem> copies = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      WorkItem kept = before.get(items[i]);
      copies.add(kept != null ? kept : items[i].copy());
    }
    return copies;
  }

  /** Nothing more will be read: routing stops handing over items. */
  public synchronized void release() {
    released = true;
    before.clear();
  }

  /**
   * Routing is about to change {@code w}: keeps its present state if this is its first change since
   * the moment. Under the same lock as {@link #copies}, so a copy never sees half a change. Returns
   * false once released (the state then stops calling).
   */
  synchronized boolean beforeChange(WorkItem w) {
    if (released) {
      return false;
    }
    // Items added after the moment are kept too; they are few, and telling them apart would cost
    // a lookup per change.
    before.computeIfAbsent(w, WorkItem::copy);
    return true;
  }
}
