package io.contacthub.hub.routing.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Keys (item ids, agent logins) by the moment they next need a look, so the timers visit what is
 * due instead of everything open. One entry per key: scheduling a key again replaces its entry, so
 * the index never holds more than one entry per open item, even on a replica that never takes them.
 * An entry only says when to look: whoever takes it re-reads the current state and decides.
 */
final class DueTimes {

  private record Entry(Instant due, String key) {}

  private static final Comparator<Entry> BY_DUE =
      Comparator.comparing(Entry::due).thenComparing(Entry::key);

  private final NavigableSet<Entry> byDue = new TreeSet<>(BY_DUE);
  private final Map<String, Instant> dueOf = new HashMap<>();

  /** Looks at {@code key} at {@code due}; null takes it out. */
  void schedule(String key, Instant due) {
    Instant old = due == null ? dueOf.remove(key) : dueOf.put(key, due);
    if (old != null) {
      if (old.equals(due)) {
        return;
      }
      byDue.remove(new Entry(old, key));
    }
    if (due != null) {
      byDue.add(new Entry(due, key));
    }
  }

  /** Takes out and returns the keys due at or before {@code now}, earliest first. */
  List<String> takeDue(Instant now) {
    List<String> due = new ArrayList<>();
    while (!byDue.isEmpty() && !byDue.first().due().isAfter(now)) {
      Entry e = byDue.pollFirst();
      dueOf.remove(e.key());
      due.add(e.key());
    }
    return due;
  }

  /** When {@code key} is due, or null when it is not scheduled. */
  Instant dueOf(String key) {
    return dueOf.get(key);
  }

  int size() {
    return dueOf.size();
  }
}
