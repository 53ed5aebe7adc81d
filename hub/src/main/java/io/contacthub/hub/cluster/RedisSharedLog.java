package io.contacthub.hub.cluster;

import io.contacthub.hub.log.SharedLog;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

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

  /** Entry ids are sequence numbers plus one. */
  private static final RedisStream<Entry> STREAM =
      new RedisStream<>(KEY, "node", "r", (id, node, record) -> new Entry(id - 1, node, record));

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
      return STREAM.readFrom(commands, seq + 2, max);
    } catch (RedisException e) {
      throw new Unavailable("the shared log in Redis cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public void follow(long seq, Consumer<List<Entry>> arrived) {
    STREAM.follow("hub-shared-log-follower", follower, seq + 1, () -> closed, arrived);
  }

  @Override
  public void close() {
    closed = true;
    commands.close();
    follower.close();
  }
}
