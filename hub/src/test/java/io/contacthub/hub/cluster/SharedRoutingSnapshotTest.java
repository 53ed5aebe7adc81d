package io.contacthub.hub.cluster;

import static io.contacthub.hub.routing.engine.WaitingItems.item;
import static io.contacthub.hub.routing.engine.WaitingItems.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.model.HubException;
import io.contacthub.hub.routing.SharedRouting;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.journal.RoutingSnapshot;
import io.contacthub.hub.routing.work.WorkItem;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routing's snapshots in a real redis-server, written in parts while the leader goes on appending:
 * what another node loads, what is left in Redis after them, and a snapshot whose writer lost the
 * lease meanwhile.
 */
@Timeout(60)
class SharedRoutingSnapshotTest extends InProcessNodesTest {

  /** Smaller than a line of a snapshot: every line is a part. */
  private static final int PART_BYTES = 16 * 1024;

  private RedisClient client;
  private RedisCommands<String, String> redis;

  @BeforeEach
  void startRedis() throws Exception {
    client = RedisCluster.client(resources, redis(false).url());
    closing.add(client::shutdown);
    var connection = client.connect();
    closing.add(connection::close);
    redis = connection.sync();
  }

  @Test
  void aSnapshotIsWrittenInPartsWhileAppendsGoOnAndAnotherNodeLoadsItWithTheLaterEntries()
      throws Exception {
    // About a second of writing at this pace: long enough for an append to land meanwhile.
    SharedRouting.Term term = Elections.lead(routing("x", 200 * 1024));
    RoutingState state = state(500);
    assertThat(term.append(entry(item(500))).get(5, TimeUnit.SECONDS)).isEqualTo(1L);
    state.put(item(500));
    state.drain();

    CompletableFuture<Long> written = term.snapshot(state);
    assertThat(term.append(entry(item(501))).get(5, TimeUnit.SECONDS)).isEqualTo(2L);
    assertThat(written).as("still being written after the later append").isNotDone();
    long bytes = written.get(30, TimeUnit.SECONDS);

    Map<String, String> current = redis.hgetall(RedisRoutingSnapshots.SNAPSHOT_KEY);
    assertThat(current).containsEntry("seq", "1").doesNotContainKey("state");
    long count = Long.parseLong(current.get("count"));
    assertThat(count).as("parts (a part ends at a line's end: 256 items a line)").isEqualTo(3);
    assertThat(redis.llen(current.get("parts"))).isEqualTo(count);
    assertThat(redis.lrange(current.get("parts"), 0, -1).stream().mapToLong(p -> p.length()).sum())
        .isEqualTo(bytes);
    assertThat(redis.pttl(current.get("parts"))).as("no expiry once current").isEqualTo(-1L);

    SharedRouting.Loaded loaded = routing("y", Double.POSITIVE_INFINITY).load();
    assertThat(loaded.seq()).isEqualTo(2L);
    assertThat(loaded.state().items()).hasSize(502);
    assertThat(loaded.state().item("conv-501")).as("the entry after the snapshot").isPresent();
  }

  @Test
  void aNewerSnapshotReplacesTheOlderOneAndItsParts() throws Exception {
    SharedRouting.Term term = Elections.lead(routing("x", Double.POSITIVE_INFINITY));
    term.append(entry(item(0))).get(5, TimeUnit.SECONDS);
    term.snapshot(state(300)).get(10, TimeUnit.SECONDS);
    String first = redis.hget(RedisRoutingSnapshots.SNAPSHOT_KEY, "parts");
    term.append(entry(item(400))).get(5, TimeUnit.SECONDS);
    RoutingState later = state(300);
    later.put(item(400));
    later.drain();

    term.snapshot(later).get(10, TimeUnit.SECONDS);

    String second = redis.hget(RedisRoutingSnapshots.SNAPSHOT_KEY, "parts");
    assertThat(second).isNotEqualTo(first);
    assertThat(redis.keys(RedisRoutingSnapshots.PARTS_PREFIX + "*")).containsExactly(second);
    assertThat(redis.xlen(RedisSharedRouting.JOURNAL_KEY)).as("entries trimmed").isZero();
    SharedRouting.Loaded loaded = routing("y", Double.POSITIVE_INFINITY).load();
    assertThat(loaded.seq()).isEqualTo(2L);
    assertThat(loaded.state().items()).hasSize(301);
  }

  @Test
  void aSnapshotWhoseWriterLostTheLeaseMeanwhileIsDroppedAndTheCurrentOneStays() throws Exception {
    SharedRouting.Term term = Elections.lead(routing("x", 200 * 1024));
    term.append(entry(item(0))).get(5, TimeUnit.SECONDS);
    term.snapshot(state(10)).get(10, TimeUnit.SECONDS);
    Map<String, String> before = redis.hgetall(RedisRoutingSnapshots.SNAPSHOT_KEY);

    CompletableFuture<Long> written = term.snapshot(state(500));
    redis.set(RedisSharedRouting.LEASE_KEY, "y:term"); // another node took the lease meanwhile

    assertThatThrownBy(() -> written.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(RedisRoutingSnapshots.NotLeading.class);
    assertThat(redis.hgetall(RedisRoutingSnapshots.SNAPSHOT_KEY)).isEqualTo(before);
    assertThat(redis.keys(RedisRoutingSnapshots.PARTS_PREFIX + "*"))
        .as("the unfinished snapshot's parts")
        .containsExactly(before.get("parts"));
    assertThatThrownBy(() -> term.append(entry(item(1))).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("has ended");
  }

  @Test
  void aSnapshotWrittenWholeBeforePartsExistedStillLoads() throws Exception {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    RoutingSnapshot.write(RoutingSnapshot.freeze(state(20)), lines);
    redis.hset(
        RedisRoutingSnapshots.SNAPSHOT_KEY,
        Map.of("seq", "7", "state", lines.toString(StandardCharsets.UTF_8)));

    SharedRouting.Loaded loaded = routing("y", Double.POSITIVE_INFINITY).load();

    assertThat(loaded.seq()).isEqualTo(7L);
    assertThat(loaded.state().items()).hasSize(20);
  }

  @Test
  void aSnapshotWithPartsMissingIsNeverLoadedAsAPartialState() throws Exception {
    String parts = RedisRoutingSnapshots.PARTS_PREFIX + "gone:1";
    redis.rpush(parts, "{\"consumedSeq\":-1}\n");
    redis.hset(
        RedisRoutingSnapshots.SNAPSHOT_KEY, Map.of("seq", "3", "parts", parts, "count", "4"));

    RedisSharedRouting routing = routing("y", Double.POSITIVE_INFINITY);
    assertThatThrownBy(routing::load)
        .isInstanceOf(HubException.class)
        .hasMessageContaining("replaced every time it was read");
  }

  private RedisSharedRouting routing(String node, double bytesPerSecond) {
    RedisSharedRouting routing =
        new RedisSharedRouting(
            client, node, new RedisRoutingSnapshots(client, PART_BYTES, bytesPerSecond));
    closing.add(routing);
    return routing;
  }

  /** A journal entry that puts {@code item}. */
  private static byte[] entry(WorkItem item) {
    return new JsonObject()
        .put("consumedSeq", -1L)
        .put("items", new JsonArray(List.of(item.toJson())))
        .toBuffer()
        .getBytes();
  }
}
