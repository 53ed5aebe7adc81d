package io.contacthub.hub.stream;

import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.events.ConversationRoster;
import io.contacthub.hub.events.LiveFrame;
import io.contacthub.hub.ingest.ChangeEvents;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.log.InteractionLog;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches a reconnecting client up ({@code ?after=<seq>}): reads the records after its seq from the
 * log on a worker and keeps the content events its role and filter let it have, as the live stream
 * would have sent them (routing's current placement stands in for the one at the time). The
 * connection holds its live events meanwhile ({@link Connection#replayed}).
 *
 * <p>A client too far behind ({@link #MAX_RECORDS}), behind what the log still holds (reclaimed
 * once indexed), or ahead of this hub's log gets {@code stream.reset} instead: it must reload.
 */
final class StreamResume {

  /** Records a client may be behind and still be caught up. */
  static final int MAX_RECORDS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(StreamResume.class);

  private final InteractionLog log;
  private final WorkerExecutor workers;
  private final ConversationRoster roster;

  /**
   * @param log the hub's log; null when this hub cannot replay (every resume is then a reset)
   * @param workers where the log is read
   */
  StreamResume(InteractionLog log, WorkerExecutor workers, ConversationRoster roster) {
    this.log = log;
    this.workers = workers;
    this.roster = roster;
  }

  /** The seq a new connection starts at: the last record whose events went out. */
  long startSeq(long lastPublished) {
    if (lastPublished != LiveFrame.NO_SEQ || log == null) {
      return lastPublished;
    }
    // Nothing published since start: everything in the log predates this connection.
    return log.nextSeq() - 1;
  }

  /**
   * Replays to a connection that holds its live events; on its event loop, which the result comes
   * back to.
   */
  void catchUp(Connection c, long after) {
    if (log == null) {
      c.reset("this hub cannot replay its log; reload");
      return;
    }
    long head = log.nextSeq() - 1;
    if (after > head) {
      c.reset("seq " + after + " is ahead of this hub's log (at " + head + "); reload");
      return;
    }
    if (head - after > MAX_RECORDS) {
      c.reset(
          "more than "
              + MAX_RECORDS
              + " records since seq "
              + after
              + " (now "
              + head
              + "); reload");
      return;
    }
    Caller caller = c.caller();
    StreamFilter filter = c.filter();
    Future<Replay> replay = workers.executeBlocking(() -> read(after, caller, filter), false);
    replay.onComplete(
        done -> {
          if (done.failed()) {
            LOG.warn("replay after seq {} for {} failed", after, caller.login(), done.cause());
            c.reset("the log could not be read; reload");
          } else if (done.result().resetDetail() != null) {
            c.reset(done.result().resetDetail());
          } else {
            c.replayed(done.result().frames(), done.result().through());
          }
        });
  }

  /** The events to send, or why the client must reload instead. */
  private record Replay(List<LiveFrame> frames, long through, String resetDetail) {}

  private Replay read(long after, Caller caller, StreamFilter filter) throws IOException {
    List<LiveFrame> frames = new ArrayList<>();
    long[] through = {after};
    try {
      log.replay(
          after + 1,
          (seq, bytes) -> {
            through[0] = seq;
            for (LiveFrame f : ChangeEvents.frames(seq, ChangeRecord.decode(bytes))) {
              if (entitled(caller, filter, f)) {
                f.encoded(); // here rather than on the event loop
                frames.add(f);
              }
            }
          });
    } catch (IllegalArgumentException reclaimed) {
      return new Replay(List.of(), after, "records after seq " + after + " were reclaimed; reload");
    }
    return new Replay(frames, through[0], null);
  }

  /**
   * Whether the live stream sends the event to this caller with this filter: its audience includes
   * the caller, and a content event is unfiltered or about a conversation the caller holds, watches
   * or (for {@code queues}) could pick up.
   */
  private boolean entitled(Caller caller, StreamFilter filter, LiveFrame f) {
    if (!f.audience().includes(caller.login(), caller.role())) {
      return false;
    }
    if (!f.aboutContent()
        || !f.audience().users().isEmpty()
        || filter.mode() == StreamFilter.Mode.ALL) {
      return true;
    }
    for (String id : roster.conversationsAbout(f)) {
      if (filter.watch().contains(id) || roster.holders(id).contains(caller.login())) {
        return true;
      }
      String queue = filter.mode() == StreamFilter.Mode.QUEUES ? roster.waitingIn(id) : null;
      if (queue != null && roster.serves(caller.login(), queue)) {
        return true;
      }
    }
    return false;
  }
}
