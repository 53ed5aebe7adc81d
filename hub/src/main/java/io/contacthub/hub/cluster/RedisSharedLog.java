package io.contacthub.hub.cluster;

import io.contacthub.hub.log.SharedLog;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared log as one Redis Stream, {@value #KEY}. Entry ids are the sequence numbers plus one
 * ({@code <seq + 1>-0}: Redis has no entry {@code 0-0}), so "the shared log ends at seq" is one
 * {@code XREVRANGE} away, and the append is a Lua script that compares that end with the caller's
 * tail and adds the records only when they match: Redis runs a script atomically, which makes it
 * the cluster's one point of decision.
 *
 * <p>Two connections of their own: one for appends and reads from the sequencer, one for the
 * follower's blocking {@code XREAD}, which would otherwise hold up every other command.
 */
final class RedisSharedLog implements SharedLog {

  static final String KEY = "contacthub:log";
  static final String TURN_KEY = "contacthub:log:turn";

  /** How long a claimed turn lasts if its node never appends (it died, or Redis lost the reply). */
  private static final Duration TURN = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(RedisSharedLog.class);
  private static final int READ_BATCH = 1000;
  private static final Duration FOLLOW_BLOCK = Duration.ofSeconds(1);
  private static final long FOLLOW_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /**
   * KEYS[1] the stream, KEYS[2] the turn; ARGV[1] the id number of the caller's last entry (0:
   * none), ARGV[2] its node, ARGV[3] "1" to claim the turn when refused, ARGV[4] the turn's expiry
   * in ms, ARGV[5..] the records. Returns {outcome, id number of the stream's last entry before the
   * call}, outcome 1 appended, 0 moved, 2 another node's turn.
   */
  private static final String APPEND_AT =
      """
      local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
      local last = 0
      if #top > 0 then last = tonumber(string.match(top[1][1], '^%d+')) end
      local turn = redis.call('GET', KEYS[2])
      if turn and turn ~= ARGV[2] then return {2, last} end
      local tail = tonumber(ARGV[1])
      if last ~= tail then
        if ARGV[3] == '1' then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4], 'NX') end
        return {0, last}
      end
      for i = 5, #ARGV do
        redis.call('XADD', KEYS[1], string.format('%d-0', tail + i - 4), 'node', ARGV[2], 'r', ARGV[i])
      end
      if turn then redis.call('DEL', KEYS[2]) end
      return {1, last}
      """;

  private final String nodeId;
  private final StatefulRedisConnection<String, String> commands;
  private final StatefulRedisConnection<String, String> follower;
  private volatile boolean closed;

  RedisSharedLog(RedisClient client, String nodeId) {
    this.nodeId = nodeId;
    this.commands = client.connect();
    this.follower = client.connect();
  }

  @Override
  public Append appendAt(long tail, List<byte[]> records, boolean claimTurn) {
    String[] args = new String[records.size() + 4];
    args[0] = Long.toString(tail + 1);
    args[1] = nodeId;
    args[2] = claimTurn ? "1" : "0";
    args[3] = Long.toString(TURN.toMillis());
    for (int i = 0; i < records.size(); i++) {
      args[i + 4] = new String(records.get(i), StandardCharsets.UTF_8);
    }
    List<Long> reply;
    try {
      reply =
          commands
              .sync()
              .eval(APPEND_AT, ScriptOutputType.MULTI, new String[] {KEY, TURN_KEY}, args);
    } catch (RedisException e) {
      throw new Unavailable("the shared log in Redis cannot be reached: " + e.getMessage(), e);
    }
    Outcome outcome =
        switch (reply.get(0).intValue()) {
          case 1 -> Outcome.APPENDED;
          case 2 -> Outcome.OTHERS_TURN;
          default -> Outcome.MOVED;
        };
    return new Append(outcome, reply.get(1) - 1);
  }

  @Override
  public List<Entry> readAfter(long seq, int max) {
    try {
      return entries(
          commands
              .sync()
              .xrange(
                  KEY,
                  Range.from(
                      Range.Boundary.including((seq + 2) + "-0"), Range.Boundary.unbounded()),
                  io.lettuce.core.Limit.from(max)));
    } catch (RedisException e) {
      throw new Unavailable("the shared log in Redis cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public void follow(long seq, Consumer<List<Entry>> arrived) {
    Thread.ofPlatform()
        .daemon()
        .name("hub-shared-log-follower")
        .start(() -> followFrom(seq, arrived));
  }

  private void followFrom(long seq, Consumer<List<Entry>> arrived) {
    long after = seq;
    boolean failing = false;
    while (!closed) {
      try {
        List<Entry> got =
            entries(
                follower
                    .sync()
                    .xread(
                        XReadArgs.Builder.block(FOLLOW_BLOCK).count(READ_BATCH),
                        XReadArgs.StreamOffset.from(KEY, (after + 1) + "-0")));
        if (failing) {
          LOG.info("Following the shared log again from {}", after);
          failing = false;
        }
        if (!got.isEmpty()) {
          after = got.getLast().seq();
          arrived.accept(got);
        }
      } catch (RedisException e) {
        if (closed) {
          return;
        }
        if (!failing) {
          LOG.warn("Cannot follow the shared log in Redis ({}); retrying", e.getMessage());
          failing = true;
        }
        // A pause between attempts, so an absent Redis does not spin this thread.
        LockSupport.parkNanos(FOLLOW_RETRY_NANOS);
      }
    }
  }

  private static List<Entry> entries(List<StreamMessage<String, String>> messages) {
    List<Entry> out = new ArrayList<>(messages.size());
    for (StreamMessage<String, String> m : messages) {
      String id = m.getId();
      out.add(
          new Entry(
              Long.parseLong(id.substring(0, id.indexOf('-'))) - 1,
              m.getBody().get("node"),
              m.getBody().get("r").getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
    commands.close();
    follower.close();
  }
}
