package io.contacthub.hub.cluster;

import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.journal.PacedOutput;
import io.contacthub.hub.routing.journal.RoutingSnapshot;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routing's snapshots in Redis (decision 0021), written in parts while routing goes on. The frozen
 * state's lines go to a list of about a megabyte per element, {@value #PARTS_PREFIX}{@code <term>:
 * <n>}, on the snapshot thread at a pace; then one script makes the list the current snapshot if
 * the term still leads, drops the previous snapshot's list and trims the journal entries it covers.
 *
 * <p>Why parts: 200,000 open conversations are a snapshot of some 115 MB. Sent as one script
 * argument, it held the routing thread for the whole of its encoding and sending, and Redis, which
 * serves every node's log and routing, for the whole of its copy.
 *
 * <p>The hash {@value #SNAPSHOT_KEY} names the current one: {@code seq} (the last journal entry it
 * covers), {@code parts} (the list) and {@code count} (its length). A hash with {@code state}
 * instead is a snapshot written whole, before parts, and still reads.
 */
final class RedisRoutingSnapshots implements Closeable {

  static final String SNAPSHOT_KEY = "contacthub:routing:snapshot";
  static final String PARTS_PREFIX = "contacthub:routing:snapshot:parts:";

  /** A part ends at the first line end after this many bytes. */
  static final int PART_BYTES = 1 << 20;

  /** The encoding's pace, as the file journal's ({@link RoutingSnapshot#PACE_MB_PER_SECOND}). */
  static final double BYTES_PER_SECOND = RoutingSnapshot.PACE_MB_PER_SECOND * (1 << 20);

  /**
   * How long the parts of an unfinished snapshot live: a node that dies or loses its lease while
   * writing one leaves them behind; the script that finishes a snapshot makes its parts permanent.
   */
  static final Duration UNFINISHED_LIFETIME = Duration.ofMinutes(10);

  /** Parts read per command when a snapshot is loaded. */
  private static final int PARTS_PER_READ = 8;

  /**
   * KEYS lease, snapshot, journal, parts; ARGV term, seq, count. Returns the seq, -1 when another
   * term leads, -2 when the parts are gone (they outlived {@link #UNFINISHED_LIFETIME}).
   */
  private static final String FINISH =
      """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
      if redis.call('EXISTS', KEYS[4]) == 0 then return -2 end
      redis.call('PERSIST', KEYS[4])
      local previous = redis.call('HGET', KEYS[2], 'parts')
      redis.call('DEL', KEYS[2])
      redis.call('HSET', KEYS[2], 'seq', ARGV[2], 'parts', KEYS[4], 'count', ARGV[3])
      if previous and previous ~= KEYS[4] then redis.call('UNLINK', previous) end
      redis.call('XTRIM', KEYS[3], 'MINID', (tonumber(ARGV[2]) + 1) .. '-0')
      return tonumber(ARGV[2])
      """;

  /** The finishing script found another term leading: the snapshot was not made current. */
  static final class NotLeading extends IOException {
    NotLeading() {
      super("another node holds the routing lease");
    }
  }

  /** A snapshot as read: the last journal entry it covers (0: none yet), or replaced meanwhile. */
  record Read(long seq, boolean replaced) {}

  /** Its own connection: a megabyte's command must not hold up the journal's appends. */
  private final StatefulRedisConnection<String, String> connection;

  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("hub-routing-snapshot").daemon(true).factory());

  private final int partBytes;
  private final AtomicLong written = new AtomicLong();
  private volatile double bytesPerSecond;

  RedisRoutingSnapshots(RedisClient client, int partBytes, double bytesPerSecond) {
    this.connection = client.connect();
    this.partBytes = partBytes;
    this.bytesPerSecond = bytesPerSecond;
  }

  /**
   * Writes {@code frozen} on the snapshot thread as the snapshot of {@code term} covering the
   * journal up to {@code seq}, once that is known. The future completes with its size in bytes once
   * it is current; it fails with {@link NotLeading} if the term lost its lease meanwhile, and then
   * leaves nothing behind.
   */
  CompletableFuture<Long> write(
      String term, CompletableFuture<Long> seq, RoutingSnapshot.Frozen frozen) {
    String parts = PARTS_PREFIX + term + ":" + written.incrementAndGet();
    CompletableFuture<Long> done = new CompletableFuture<>();
    try {
      writer.execute(
          () -> {
            try {
              done.complete(writeParts(term, seq, frozen, parts));
            } catch (IOException | RuntimeException e) {
              forget(parts);
              done.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) { // closed
      frozen.items().release();
      done.completeExceptionally(e);
    }
    return done;
  }

  private long writeParts(
      String term, CompletableFuture<Long> seq, RoutingSnapshot.Frozen frozen, String parts)
      throws IOException {
    PartsOutput out = new PartsOutput(parts);
    try (OutputStream paced = new PacedOutput(out, () -> bytesPerSecond)) {
      RoutingSnapshot.write(frozen, paced);
    }
    long covered = covered(seq);
    Long result;
    try {
      result =
          connection
              .sync()
              .eval(
                  FINISH,
                  ScriptOutputType.INTEGER,
                  new String[] {
                    RedisSharedRouting.LEASE_KEY,
                    SNAPSHOT_KEY,
                    RedisSharedRouting.JOURNAL_KEY,
                    parts
                  },
                  term,
                  Long.toString(covered),
                  Long.toString(out.count));
    } catch (RedisException e) {
      throw new IOException("routing's snapshot cannot be written: " + e.getMessage(), e);
    }
    if (result == null || result == -1) {
      throw new NotLeading();
    }
    if (result == -2) {
      throw new IOException(
          "routing's snapshot took longer than " + UNFINISHED_LIFETIME + " and its parts expired");
    }
    return out.bytes;
  }

  private static long covered(CompletableFuture<Long> seq) throws IOException {
    try {
      return seq.get(1, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the journal's position for a snapshot is unknown: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the journal's position", e);
    }
  }

  /** Drops an unfinished snapshot's parts; they would expire anyway. */
  private void forget(String parts) {
    try {
      connection.sync().unlink(parts);
    } catch (RedisException e) {
      // Redis is gone: the parts expire there.
    }
  }

  /**
   * Applies the current snapshot to {@code state}. {@link Read#replaced()} says that a newer one
   * replaced it while it was read (its parts went): {@code state} is then partial; read again.
   */
  Read read(RoutingState state) {
    RedisCommands<String, String> redis = connection.sync();
    Map<String, String> snapshot = redis.hgetall(SNAPSHOT_KEY);
    if (!snapshot.containsKey("seq")) {
      return new Read(0, false);
    }
    long seq = Long.parseLong(snapshot.get("seq"));
    if (snapshot.containsKey("state")) {
      RoutingSnapshot.read(snapshot.get("state").lines(), state);
      return new Read(seq, false);
    }
    String parts = snapshot.get("parts");
    long count = Long.parseLong(snapshot.get("count"));
    for (long from = 0; from < count; from += PARTS_PER_READ) {
      List<String> got = redis.lrange(parts, from, Math.min(from + PARTS_PER_READ, count) - 1);
      if (got.size() < Math.min(PARTS_PER_READ, count - from)) {
        return new Read(seq, true);
      }
      got.forEach(part -> RoutingSnapshot.read(part.lines(), state));
    }
    return new Read(seq, false);
  }

  /** From now on snapshots, the one being written included, are written at full speed. */
  void hurry() {
    bytesPerSecond = Double.POSITIVE_INFINITY;
  }

  /** Lets a snapshot being written finish (at full speed), then closes the connection. */
  @Override
  public void close() {
    hurry();
    writer.shutdown();
    try {
      writer.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
  }

  /**
   * Collects the lines into parts and appends each to the list, renewing its expiry. Lines are
   * whole UTF-8, so every part is a valid string.
   */
  private final class PartsOutput extends OutputStream {
    private final String key;
    private final ByteArrayOutputStream part = new ByteArrayOutputStream();
    private long count;
    private long bytes;
    private int lastByte;

    PartsOutput(String key) {
      this.key = key;
    }

    @Override
    public void write(int b) throws IOException {
      part.write(b);
      lastByte = b;
      maybeSend();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      part.write(b, off, len);
      lastByte = b[off + len - 1];
      maybeSend();
    }

    private void maybeSend() throws IOException {
      // JSON escapes a line feed inside a string, so a raw one only ever ends a line.
      if (part.size() >= partBytes && lastByte == '\n') {
        send();
      }
    }

    @Override
    public void close() throws IOException {
      if (part.size() > 0) {
        send();
      }
    }

    private void send() throws IOException {
      String text = part.toString(StandardCharsets.UTF_8);
      try {
        RedisCommands<String, String> redis = connection.sync();
        redis.rpush(key, text);
        redis.pexpire(key, UNFINISHED_LIFETIME.toMillis());
      } catch (RedisException e) {
        throw new IOException("routing's snapshot cannot be written: " + e.getMessage(), e);
      }
      count++;
      bytes += part.size();
      part.reset();
    }
  }
}
