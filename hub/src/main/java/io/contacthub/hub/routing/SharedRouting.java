package io.contacthub.hub.routing;

import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.journal.RoutingJournal;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Routing shared by the nodes of a cluster (decision 0021). One node at a time leads: it holds a
 * lease, runs the engine, its timers and the intake of the interaction log, and writes its changes
 * to a journal every node follows. The others keep a replica of the state from that journal (for
 * reads, the live stream's targeting and pops) and forward the operations that change routing to
 * the leader. Appends carry the leader's term and are refused once another node holds the lease, so
 * a node that lost the lead without knowing it cannot write over its successor.
 *
 * <p>Blocking calls ({@link #load}, {@link #readAfter}) belong on the routing thread.
 */
public interface SharedRouting extends AutoCloseable {

  /** One journal entry: its position, the term that wrote it and the {@code RoutingRecord}. */
  record Entry(long seq, String term, byte[] record) {}

  /** The state as the journal holds it, and the position of its last entry. */
  record Loaded(RoutingState state, long seq) {}

  /** The leader's answer to a forwarded command, and the journal position that holds its change. */
  record Answer(JsonObject body, long seq) {}

  /** Reads the snapshot and every entry after it. */
  Loaded load();

  /** Up to {@code max} entries after {@code seq}, in order. */
  List<Entry> readAfter(long seq, int max);

  /**
   * Tells {@code arrived} about entries after {@code seq} as they are appended, on a thread of its
   * own; it keeps trying while Redis is unreachable.
   */
  void follow(long seq, Consumer<List<Entry>> arrived);

  /**
   * Competes for the lead, on a thread of its own, for as long as the node runs: tells the
   * candidate when it won a term and when it lost it (the lease was taken or could not be renewed
   * in time).
   */
  void campaign(Candidate candidate);

  /** Told about this node's terms. */
  interface Candidate {
    void elected(Term term);

    void deposed(Term term);
  }

  /** One term as leader: its appends and snapshots are refused once it has ended. */
  interface Term extends RoutingJournal {
    String id();
  }

  /**
   * Sends a command to the node that leads. The future fails with a 503 {@code HubException} when
   * no node answers in time, or with the error the leader answered.
   */
  CompletableFuture<Answer> forward(JsonObject command);

  /**
   * Answers the commands any node forwards: {@code handler} returns null when this node does not
   * lead (another node answers), else the answer or an error to send back.
   */
  void serve(Function<JsonObject, CompletableFuture<Answer>> handler);

  @Override
  void close();
}
