package io.contacthub.hub.routing.journal;

import io.contacthub.hub.model.JsonOut;
import io.contacthub.hub.model.JsonStream;
import io.contacthub.hub.routing.agents.Agent;
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

  /** Writes {@code state}; returns the bytes written. Blocking; on the routing thread. */
  public static long write(RoutingState state, OutputStream out) throws IOException {
    long bytes = 0;
    Iterator<WorkItem> items = state.items().iterator();
    List<WorkItem> slice = new ArrayList<>(PER_LINE);
    while (items.hasNext()) {
      slice.clear();
      while (items.hasNext() && slice.size() < PER_LINE) {
        slice.add(items.next());
      }
      // Straight to bytes: the items are nearly all of a snapshot.
      bytes += line(JsonStream.encode(slice, ITEMS), out);
    }
    bytes += slices(state.agents(), "agents", Agent::toJson, out);
    bytes += slices(state.outcomes(), "outcomes", Outcome::toJson, out);
    JsonObject last = new JsonObject();
    for (Map.Entry<String, String> e : state.lastAgents().entrySet()) {
      last.put(e.getKey(), e.getValue());
      if (last.size() == PER_LINE) {
        bytes += line(new JsonObject().put("lastAgents", last), out);
        last = new JsonObject();
      }
    }
    if (!last.isEmpty()) {
      bytes += line(new JsonObject().put("lastAgents", last), out);
    }
    bytes += line(new JsonObject().put("consumedSeq", state.consumedSeq()), out);
    return bytes;
  }

  /** Applies every line to {@code state}, in order. */
  public static void read(Stream<String> lines, RoutingState state) {
    lines
        .filter(line -> !line.isEmpty())
        .forEach(l -> RoutingRecord.apply(new JsonObject(l), state));
  }

  private static <T> long slices(
      Collection<T> all, String key, Function<T, JsonObject> json, OutputStream out)
      throws IOException {
    long bytes = 0;
    Iterator<T> it = all.iterator();
    while (it.hasNext()) {
      JsonArray slice = new JsonArray();
      while (it.hasNext() && slice.size() < PER_LINE) {
        slice.add(json.apply(it.next()));
      }
      bytes += line(new JsonObject().put(key, slice), out);
    }
    return bytes;
  }

  private static long line(JsonObject entry, OutputStream out) throws IOException {
    return line(entry.toBuffer().getBytes(), out);
  }

  private static long line(byte[] bytes, OutputStream out) throws IOException {
    out.write(bytes);
    out.write(NEWLINE);
    return bytes.length + 1L;
  }
}
