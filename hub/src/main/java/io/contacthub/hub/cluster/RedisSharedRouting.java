package io.contacthub.hub.cluster;

import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.SharedRouting;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.journal.RoutingRecord;
import io.contacthub.hub.routing.journal.RoutingSnapshot;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared routing in Redis (decision 0021):
 *
 * <ul>
 *   <li>the lease {@value #LEASE_KEY} holds the leading term's id, set with {@code NX} and an
 *       expiry the leader renews every {@link #RENEW_EVERY};
 *   <li>the journal is the stream {@value #JOURNAL_KEY}, entry ids {@code <seq>-0} from the counter
 *       {@value #SEQ_KEY}; a Lua script appends only while the lease holds the writer's term;
 *   <li>snapshots are written in parts while routing goes on ({@link RedisRoutingSnapshots}); the
 *       one that becomes current trims the entries it covers;
 *   <li>operations travel to the leader on the channel {@value #COMMANDS}, answers come back on
 *       {@value #ANSWERS}.
 * </ul>
 */
final class RedisSharedRouting implements SharedRouting {

  static final String LEASE_KEY = "contacthub:routing:lease";
  static final String JOURNAL_KEY = "contacthub:routing:journal";
  static final String SEQ_KEY = "contacthub:routing:journal:seq";
  static final String COMMANDS = "contacthub:routing:commands";
  static final String ANSWERS = "contacthub:routing:answers";

  /** How long a lease lasts unrenewed: how long the cluster routes nothing after a leader dies. */
  static final Duration LEASE = Duration.ofSeconds(5);

  static final Duration RENEW_EVERY = Duration.ofSeconds(1);

  /**
   * A leader that could not renew for this long stops routing: its lease may be gone before it
   * knows, and its appends would be refused anyway.
   */
  private static final Duration GIVE_UP_AFTER = LEASE.minusMillis(1500);

  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(3);

  /** Entry ids are the journal's sequence numbers; an entry names the term that wrote it. */
  private static final RedisStream<Entry> JOURNAL =
      new RedisStream<>(JOURNAL_KEY, "t", "e", Entry::new);

  private static final Logger LOG = LoggerFactory.getLogger(RedisSharedRouting.class);

  /** KEYS lease, counter, stream; ARGV term, entry. Returns the entry's seq, or -1: not leading. */
  private static final String APPEND =
      """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
      local seq = redis.call('INCR', KEYS[2])
      redis.call('XADD', KEYS[3], seq .. '-0', 't', ARGV[1], 'e', ARGV[2])
      return seq
      """;

  /** KEYS lease; ARGV term, expiry ms. 1 when renewed, 0 when the lease is another's or gone. */
  private static final String RENEW =
      """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return 1
      """;

  private static final String RESIGN =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  private final String nodeId;
  private final StatefulRedisConnection<String, String> commands;
  private final StatefulRedisConnection<String, String> follower;
  private final StatefulRedisPubSubConnection<String, String> subscription;
  private final RedisRoutingSnapshots snapshots;
  private final Map<String, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
  private volatile Function<JsonObject, CompletableFuture<Answer>> handler;
  private volatile boolean closed;

  RedisSharedRouting(RedisClient client, String nodeId) {
    this(
        client,
        nodeId,
        new RedisRoutingSnapshots(
            client, RedisRoutingSnapshots.PART_BYTES, RedisRoutingSnapshots.BYTES_PER_SECOND));
  }

  RedisSharedRouting(RedisClient client, String nodeId, RedisRoutingSnapshots snapshots) {
    this.nodeId = nodeId;
    this.snapshots = snapshots;
    this.commands = client.connect();
    this.follower = client.connect();
    this.subscription = client.connectPubSub();
    subscription.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            if (COMMANDS.equals(channel)) {
              command(message);
            } else if (ANSWERS.equals(channel)) {
              answer(message);
            }
          }
        });
    subscription.sync().subscribe(COMMANDS, ANSWERS);
  }

  @Override
  public Loaded load() {
    try {
      for (int attempt = 0; ; attempt++) {
        RoutingState state = new RoutingState();
        RedisRoutingSnapshots.Read snapshot = snapshots.read(state);
        if (snapshot.replaced() && attempt < 5) {
          continue; // a newer snapshot replaced it while it was read: read that one
        }
        if (snapshot.replaced()) {
          throw HubException.unavailable(
              "routing's snapshot in Redis was replaced every time it was read", 2);
        }
        long seq = snapshot.seq();
        boolean whole = true;
        List<Entry> got;
        do {
          got = readAfter(seq, RedisStream.READ_BATCH);
          for (Entry e : got) {
            if (e.seq() != seq + 1) {
              whole = false; // a newer snapshot trimmed what this one needs: read that one
              break;
            }
            RoutingRecord.apply(e.record(), state);
            seq = e.seq();
          }
        } while (whole && got.size() == RedisStream.READ_BATCH);
        if (whole || attempt >= 5) {
          state.drain();
          return new Loaded(state, seq);
        }
      }
    } catch (RedisException e) {
      throw HubException.unavailable(
          "routing's journal in Redis cannot be read: " + e.getMessage(), 2);
    }
  }

  @Override
  public List<Entry> readAfter(long seq, int max) {
    return JOURNAL.readFrom(commands, seq + 1, max);
  }

  @Override
  public void follow(long seq, Consumer<List<Entry>> arrived) {
    JOURNAL.follow("hub-routing-follower", follower, seq, () -> closed, arrived);
  }

  @Override
  public void campaign(Candidate candidate) {
    Thread.ofPlatform()
        .daemon()
        .name("hub-routing-lease")
        .start(
            () -> {
              RedisTerm term = null;
              while (!closed) {
                term = term == null ? tryToLead(candidate) : keep(term, candidate);
                LockSupport.parkNanos(RENEW_EVERY.toNanos());
              }
            });
  }

  private RedisTerm tryToLead(Candidate candidate) {
    String id = nodeId + ":" + UUID.randomUUID();
    try {
      String ok = commands.sync().set(LEASE_KEY, id, SetArgs.Builder.nx().px(LEASE.toMillis()));
      if (!"OK".equals(ok)) {
        return null;
      }
    } catch (RedisException e) {
      return null;
    }
    RedisTerm term = new RedisTerm(id);
    candidate.elected(term);
    return term;
  }

  /** Renews the lease; the term, or null once it has ended. */
  private RedisTerm keep(RedisTerm term, Candidate candidate) {
    if (term.ended) {
      return null;
    }
    try {
      Long renewed =
          commands
              .sync()
              .eval(
                  RENEW,
                  ScriptOutputType.INTEGER,
                  new String[] {LEASE_KEY},
                  term.id,
                  Long.toString(LEASE.toMillis()));
      if (renewed != null && renewed == 1) {
        term.renewedAt = System.nanoTime();
        return term;
      }
    } catch (RedisException e) {
      if (System.nanoTime() - term.renewedAt < GIVE_UP_AFTER.toNanos()) {
        return term;
      }
    }
    term.ended = true;
    candidate.deposed(term);
    return null;
  }

  @Override
  public CompletableFuture<Answer> forward(JsonObject command) {
    String id = UUID.randomUUID().toString();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    pending.put(id, answer);
    String message =
        new JsonObject().put("id", id).put("from", nodeId).put("command", command).encode();
    commands
        .async()
        .publish(COMMANDS, message)
        .whenComplete(
            (n, e) -> {
              if (e != null) {
                answer.completeExceptionally(
                    HubException.unavailable("routing cannot be reached: " + e.getMessage(), 2));
              }
            });
    return answer
        .orTimeout(FORWARD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            e -> {
              Throwable cause = e instanceof CompletionException ? e.getCause() : e;
              return CompletableFuture.failedFuture(
                  cause instanceof TimeoutException
                      ? HubException.unavailable(
                          "no node routes at the moment (a new one takes over within seconds)", 2)
                      : cause);
            })
        .whenComplete((a, e) -> pending.remove(id));
  }

  @Override
  public void serve(Function<JsonObject, CompletableFuture<Answer>> handler) {
    this.handler = handler;
  }

  private void command(String message) {
    Function<JsonObject, CompletableFuture<Answer>> h = handler;
    JsonObject m;
    try {
      m = new JsonObject(message);
    } catch (RuntimeException e) {
      LOG.warn("Ignored a malformed message on Redis channel {}", COMMANDS);
      return;
    }
    if (h == null || m.getJsonObject("command") == null) {
      return;
    }
    CompletableFuture<Answer> answer = h.apply(m.getJsonObject("command"));
    if (answer == null) {
      return;
    }
    answer.whenComplete(
        (a, e) -> {
          if (a == null && e == null) {
            return; // this node does not lead: the leader answers
          }
          JsonObject reply =
              new JsonObject().put("id", m.getString("id")).put("to", m.getString("from"));
          if (e == null) {
            reply.put("body", a.body()).put("seq", a.seq());
          } else {
            reply.put("error", problem(e));
          }
          commands.async().publish(ANSWERS, reply.encode());
        });
  }

  private void answer(String message) {
    JsonObject m;
    try {
      m = new JsonObject(message);
    } catch (RuntimeException e) {
      return;
    }
    if (!nodeId.equals(m.getString("to"))) {
      return;
    }
    CompletableFuture<Answer> answer = pending.get(m.getString("id", ""));
    if (answer == null) {
      return;
    }
    JsonObject error = m.getJsonObject("error");
    if (error != null) {
      answer.completeExceptionally(
          new HubException(
              error.getInteger("status", 503),
              error.getString("title", "Service Unavailable"),
              error.getString("detail", "routing failed"),
              error.getInteger("retryAfter")));
    } else {
      answer.complete(new Answer(m.getJsonObject("body"), m.getLong("seq", -1L)));
    }
  }

  /** The leader's failure as the API would render it. */
  private static JsonObject problem(Throwable t) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    HubException h =
        cause instanceof HubException x
            ? x
            : HubException.unavailable(
                "routing could not store the change: " + cause.getMessage(), 2);
    return new JsonObject()
        .put("status", h.status())
        .put("title", h.title())
        .put("detail", h.detail())
        .put("retryAfter", h.retryAfterSeconds());
  }

  @Override
  public void close() {
    closed = true;
    snapshots.close();
    subscription.close();
    commands.close();
    follower.close();
  }

  /** One term of this node as leader; it ends when the lease is lost or given up. */
  private final class RedisTerm implements Term {

    private final String id;
    private volatile boolean ended;
    private volatile long renewedAt = System.nanoTime();
    private long journalBytes;
    private volatile long snapshotBytes;
    private CompletableFuture<Long> inFlight = CompletableFuture.completedFuture(0L);

    RedisTerm(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public CompletableFuture<Long> append(byte[] entry) {
      if (ended) {
        return CompletableFuture.failedFuture(new IOException("the term " + id + " has ended"));
      }
      journalBytes += entry.length;
      return commands
          .async()
          .<Long>eval(
              APPEND,
              ScriptOutputType.INTEGER,
              new String[] {LEASE_KEY, SEQ_KEY, JOURNAL_KEY},
              id,
              new String(entry, StandardCharsets.UTF_8))
          .toCompletableFuture()
          .thenApply(
              seq -> {
                if (seq < 0) {
                  ended = true;
                  throw new CompletionException(
                      new IOException("another node holds the routing lease"));
                }
                return seq;
              });
    }

    /** Not while one is being written. */
    @Override
    public boolean snapshotDue() {
      return inFlight.isDone() && RoutingSnapshot.due(journalBytes, snapshotBytes);
    }

    /**
     * Freezes {@code state} on the routing thread and has it written in parts while routing goes
     * on. The position it covers is read from the journal's counter by a command sent after every
     * append so far and before any later one on the same connection, so no entry slips between the
     * freezing and its position.
     */
    @Override
    public CompletableFuture<Long> snapshot(RoutingState state) {
      RoutingSnapshot.Frozen frozen = RoutingSnapshot.freeze(state);
      CompletableFuture<Long> seq =
          commands
              .async()
              .get(SEQ_KEY)
              .toCompletableFuture()
              .thenApply(s -> s == null ? 0L : Long.parseLong(s));
      journalBytes = 0; // what is appended from here on counts towards the next snapshot
      CompletableFuture<Long> written =
          snapshots
              .write(id, seq, frozen)
              .whenComplete(
                  (bytes, failure) -> {
                    if (failure == null) {
                      snapshotBytes = bytes;
                    } else if (failure instanceof RedisRoutingSnapshots.NotLeading) {
                      ended = true;
                    }
                  });
      inFlight = written;
      return written;
    }

    @Override
    public void hurry() {
      snapshots.hurry();
    }

    /** Gives the lease up. */
    @Override
    public void close() {
      if (ended) {
        return;
      }
      ended = true;
      try {
        commands.sync().eval(RESIGN, ScriptOutputType.INTEGER, new String[] {LEASE_KEY}, id);
      } catch (RedisException e) {
        // Redis is gone: the lease expires on its own.
        LOG.debug("Could not give the routing lease up: {}", e.getMessage());
      }
    }
  }
}
