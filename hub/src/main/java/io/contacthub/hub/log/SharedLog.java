package io.contacthub.hub.log;

import java.util.List;
import java.util.function.Consumer;

/**
 * The one order of records that every node of a cluster shares (cluster mode). A node's local
 * {@link InteractionLog} is a replica of it, record for record, so a sequence number means the same
 * record on every node. A node appends only at the tail it has seen: an append that finds the
 * shared log longer is refused, and the node catches up and decides again (optimistic concurrency),
 * so no two nodes ever decide against different histories.
 *
 * <p>Blocking calls: use them from the ingest sequencer's thread, never from an event loop.
 */
public interface SharedLog extends AutoCloseable {

  /** One record of the shared log. */
  record Entry(long seq, String node, byte[] record) {}

  /**
   * Appends {@code records} as {@code tail + 1, tail + 2, ...} if the shared log ends at {@code
   * tail} and no other node holds the turn, atomically; otherwise appends nothing.
   *
   * @param claimTurn after repeated refusals: reserve the next append for this node, so a node
   *     whose decisions take long (a big batch) is not refused forever by nodes that decide
   *     quickly. The turn ends with this node's next call, or after a short expiry.
   * @throws Unavailable when the shared log cannot be reached; the records may or may not have been
   *     appended (a reply can be lost), so a later read decides
   */
  Append appendAt(long tail, List<byte[]> records, boolean claimTurn);

  /** What an append found: the shared log's end before it, and whether it appended. */
  record Append(Outcome outcome, long end) {}

  /** How an append ended. */
  enum Outcome {
    APPENDED,
    /** The shared log is longer (another node appended first) or shorter (it lost records). */
    MOVED,
    /** Another node holds the turn; the caller may try the same append again shortly. */
    OTHERS_TURN
  }

  /** Up to {@code max} records after {@code seq}, in order. */
  List<Entry> readAfter(long seq, int max);

  /**
   * Starts telling {@code arrived} about records after {@code seq} as they are appended, by any
   * node, on a thread of its own; it keeps trying while the shared log is unreachable.
   */
  void follow(long seq, Consumer<List<Entry>> arrived);

  @Override
  void close();

  /** The shared log cannot be reached now; nothing that depends on it may be acknowledged. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
