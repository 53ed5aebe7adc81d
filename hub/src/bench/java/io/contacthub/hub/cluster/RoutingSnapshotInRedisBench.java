package io.contacthub.hub.cluster;

import io.contacthub.connector.Channel;
import io.contacthub.hub.bench.BenchRedis;
import io.contacthub.hub.bench.Latencies;
import io.contacthub.hub.routing.SharedRouting;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.journal.RoutingSnapshot;
import io.contacthub.hub.routing.work.WorkItem;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A routing snapshot of many open conversations written to a private redis-server, two ways in one
 * run: whole, as one script argument (how cluster mode first wrote it, kept here as the baseline),
 * and in parts ({@link RedisRoutingSnapshots}). For each: how long the routing thread is held, how
 * long until the snapshot is current, and meanwhile the round trips of another connection's {@code
 * PING} (every node's log and routing share this Redis) and of the leader's own journal appends.
 *
 * <p>{@code java -cp <bench class path> io.contacthub.hub.cluster.RoutingSnapshotInRedisBench [open
 * conversations, default 200000] [rounds, default 2]}
 */
public final class RoutingSnapshotInRedisBench {

  private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  /** The script cluster mode used before parts: the whole state as one argument. */
  private static final String WHOLE =
      """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
      local seq = tonumber(redis.call('GET', KEYS[2]) or '0')
      redis.call('HSET', KEYS[3], 'seq', seq, 'state', ARGV[2])
      redis.call('XTRIM', KEYS[4], 'MINID', (seq + 1) .. '-0')
      return seq
      """;

  private RoutingSnapshotInRedisBench() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path work = Files.createTempDirectory("routing-snapshot-bench");
    ClientResources resources = RedisCluster.resources();
    try (BenchRedis redis = BenchRedis.start(work.resolve("redis"))) {
      RedisClient client = RedisCluster.client(resources, redis.url());
      RedisClient transfers = RedisCluster.transfers(resources, redis.url());
      RedisSharedRouting routing = new RedisSharedRouting(client, "bench");
      SharedRouting.Term term = Elections.lead(routing);
      RoutingState state = state(items);
      System.out.printf(Locale.ROOT, "%,d open conversations%n", items);
      for (int round = 1; round <= rounds; round++) {
        measure(
            "whole, one script argument", client, term, () -> whole(transfers, term.id(), state));
        measure("in parts at 8 MB/s", client, term, () -> term.snapshot(state));
      }
      routing.close();
      client.shutdown();
      transfers.shutdown();
    } finally {
      resources.shutdown().get(10, TimeUnit.SECONDS);
    }
  }

  /** Writes one snapshot while a prober pings and the leader appends, and prints the figures. */
  private static void measure(
      String how,
      RedisClient client,
      SharedRouting.Term term,
      Supplier<CompletableFuture<Long>> snapshot)
      throws Exception {
    Latencies pings = new Latencies();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread prober = Thread.ofPlatform().start(() -> ping(client, pings, writing));
    long start = System.nanoTime();
    CompletableFuture<Long> written = snapshot.get();
    double heldMs = (System.nanoTime() - start) / 1e6;
    Latencies appends = new Latencies();
    byte[] entry = "{\"consumedSeq\":-1}".getBytes(StandardCharsets.UTF_8);
    while (!written.isDone()) {
      long sent = System.nanoTime();
      term.append(entry).get(1, TimeUnit.MINUTES);
      appends.record(System.nanoTime() - sent);
      TimeUnit.MILLISECONDS.sleep(5); // a pace of appends, not a synchronization
    }
    long bytes = written.get();
    double totalMs = (System.nanoTime() - start) / 1e6;
    writing.set(false);
    prober.join();
    System.out.printf(
        Locale.ROOT,
        "%s: %,d KB; routing thread held %.0f ms; current after %.0f ms%n"
            + "  PING from another connection meanwhile: %s%n"
            + "  journal appends after the snapshot call: %s%n",
        how,
        bytes >> 10,
        heldMs,
        totalMs,
        pings.summary(),
        appends.count() == 0 ? "none (the call returned when it was written)" : appends.summary());
  }

  private static void ping(RedisClient client, Latencies pings, AtomicBoolean writing) {
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      while (writing.get()) {
        long sent = System.nanoTime();
        c.sync().ping();
        pings.record(System.nanoTime() - sent);
      }
    }
  }

  private static CompletableFuture<Long> whole(
      RedisClient client, String term, RoutingState state) {
    // The hub's commands time out after 2 s, which the whole state as one argument did not meet at
    // 200,000 conversations here (so such a snapshot always failed); the transfer client's longer
    // timeout, to measure it at all.
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      RoutingSnapshot.write(RoutingSnapshot.freeze(state), lines);
      c.sync()
          .eval(
              WHOLE,
              ScriptOutputType.INTEGER,
              new String[] {
                RedisSharedRouting.LEASE_KEY,
                RedisSharedRouting.SEQ_KEY,
                RedisRoutingSnapshots.SNAPSHOT_KEY,
                RedisSharedRouting.JOURNAL_KEY
              },
              term,
              lines.toString(StandardCharsets.UTF_8));
      return CompletableFuture.completedFuture((long) lines.size());
    } catch (java.io.IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static RoutingState state(int n) {
    RoutingState state = new RoutingState();
    for (int i = 0; i < n; i++) {
      state.put(
          new WorkItem(
              "conv-" + i,
              "conv-" + i,
              "cust-" + i,
              i % 3 == 0 ? Channel.EMAIL : Channel.WEBCHAT,
              false,
              i % 3 == 0 ? "email" : "chat",
              T0.plusSeconds(i),
              T0.plusSeconds(i + 600),
              T0.plusSeconds(i + 3_600)));
    }
    state.drain();
    return state;
  }
}
