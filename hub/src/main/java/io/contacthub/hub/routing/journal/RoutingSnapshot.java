package io.contacthub.hub.routing.journal;

import io.contacthub.hub.model.JsonOut;
import io.contacthub.hub.model.JsonStream;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.engine.PreservedItems;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.metrics.Outcome;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The whole routing state as lines of UTF-8 JSON, each line shaped like a journal entry ({@link
 * RoutingRecord}) holding a slice of it: items, agents and outcomes a few hundred at a time, then
 * the last agents, then the consumed log position. Applying the lines in order rebuilds the state.
 *
 * <p>Slices, not one object: with a quarter of a million open conversations the state as one JSON
 * tree was millions of map entries alive for seconds, which the collector copied into the old
 * generation and then had to clean out again (pauses of 100 ms and more while agents waited). A
 * slice's tree dies young. A snapshot written as one object before slices existed reads as one
 * line.
 */
public final class RoutingSnapshot {

  static final int PER_LINE = 256;

  /**
   * Journal bytes below which no snapshot is worth writing: less than one segment of the file
   * journal, which reclaims whole segments only.
   */
  static final long MIN_JOURNAL_BYTES = 8L << 20;

  /**
   * How fast a snapshot is written while routing runs, to a file or to Redis. Written at full
   * speed, a snapshot of 200,000 open items (115 MB) took a whole core for one to five seconds on
   * two cores, and the acknowledgements of single requests waited for the other one. At this pace
   * it takes about 15 s; the journal meanwhile grows by a fraction of that (a snapshot is due only
   * once the journal is as large as the last one). A stop's snapshot is written at full speed.
   */
  public static final double PACE_MB_PER_SECOND = 8;

  private static final byte[] NEWLINE = {'\n'};

  private static final JsonOut.Fields<List<WorkItem>> ITEMS =
      (slice, out) -> out.putObjects("items", slice, WorkItem.FIELDS);

  private RoutingSnapshot() {}

  /**
   * Whether a journal that has grown by {@code journalBytes} since a snapshot of {@code
   * snapshotBytes} should get a new one: once it is as large as the snapshot. Writing the snapshot
   * then costs no more than writing the journal did, and a restart never replays more than one
   * snapshot's worth of journal. A fixed number of entries instead wrote a quarter of a million
   * conversations every few seconds under a steady trickle of single messages.
   */
  public static boolean due(long journalBytes, long snapshotBytes) {
    return journalBytes >= Math.max(MIN_JOURNAL_BYTES, snapshotBytes);
  }

  /**
   * The state's parts as they stood, for another thread to write while routing goes on: the items
   * kept by copy on write ({@link PreservedItems}), the rest copied (agents and outcomes are
   * immutable, so a list of them is a copy).
   */
  public record Frozen(
      PreservedItems items,
      List<Agent> agents,
      List<Outcome> outcomes,
      LastAgents lastAgents,
      long consumedSeq) {}

  /**
   * Who last served each conversation, as two arrays in step: up to 100,000 entries copied as two
   * objects, where a copy of the map made as many objects as entries, alive while the snapshot is
   * written.
   */
  public record LastAgents(String[] conversationIds, String[] logins) {
    static LastAgents of(Map<String, String> lastAgents) {
      return new LastAgents(
          lastAgents.keySet().toArray(String[]::new), lastAgents.values().toArray(String[]::new));
    }
  }

  /** Freezes {@code state}; on the routing thread. {@link #write} lets its items go. */
  public static Frozen freeze(RoutingState state) {
    return new Frozen(
        state.preserveItems(),
        List.copyOf(state.agents()),
        List.copyOf(state.outcomes()),
        LastAgents.of(state.lastAgents()),
        state.consumedSeq());
  }

  /** Writes a frozen state, once: its items are released after. Blocking; on any thread. */
  public static void write(Frozen state, OutputStream out) throws IOException {
    try {
      // Items straight to the file: they are nearly all of a snapshot, and an array per slice
      // made a snapshot allocate about three times its size (more young collections meanwhile).
      PreservedItems items = state.items();
      for (int from = 0; from < items.size(); from += PER_LINE) {
        JsonStream.write(items.copies(from, Math.min(from + PER_LINE, items.size())), ITEMS, out);
        out.write(NEWLINE);
      }
    } finally {
      state.items().release();
    }
    slices(state.agents(), (slice, to) -> to.write(entry("agents", slice, Agent::toJson)), out);
    slices(
        state.outcomes(), (slice, to) -> to.write(entry("outcomes", slice, Outcome::toJson)), out);
    LastAgents lastAgents = state.lastAgents();
    for (int from = 0; from < lastAgents.logins().length; from += PER_LINE) {
      JsonObject last = new JsonObject();
      for (int i = from; i < Math.min(from + PER_LINE, lastAgents.logins().length); i++) {
        last.put(lastAgents.conversationIds()[i], lastAgents.logins()[i]);
      }
      line(new JsonObject().put("lastAgents", last).toBuffer().getBytes(), out);
    }
    line(new JsonObject().put("consumedSeq", state.consumedSeq()).toBuffer().getBytes(), out);
  }

  /** Applies every line to {@code state}, in order. */
  public static void read(Stream<String> lines, RoutingState state) {
    lines
        .filter(line -> !line.isEmpty())
        .forEach(l -> RoutingRecord.apply(new JsonObject(l), state));
  }

  /** Writes one slice of a collection as one line's JSON. */
  private interface SliceWriter<T> {
    void write(List<T> slice, OutputStream out) throws IOException;
  }

  /** {@code all} as lines of at most {@link #PER_LINE}, each written by {@code writer}. */
  private static <T> void slices(Collection<T> all, SliceWriter<T> writer, OutputStream out)
      throws IOException {
    List<T> slice = new ArrayList<>(PER_LINE);
    Iterator<T> it = all.iterator();
    while (it.hasNext()) {
      slice.clear();
      while (it.hasNext() && slice.size() < PER_LINE) {
        slice.add(it.next());
      }
      writer.write(slice, out);
      out.write(NEWLINE);
    }
  }

  private static <T> byte[] entry(String key, List<T> slice, Function<T, JsonObject> json) {
    JsonArray array = new JsonArray();
    slice.forEach(x -> array.add(json.apply(x)));
    return new JsonObject().put(key, array).toBuffer().getBytes();
  }

  private static void line(byte[] bytes, OutputStream out) throws IOException {
    out.write(bytes);
    out.write(NEWLINE);
  }
}
