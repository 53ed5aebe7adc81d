package io.contacthub.hub.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.contacthub.connector.Channel;
import io.contacthub.hub.api.ApiServer;
import io.contacthub.hub.api.ApiServerTest;
import io.contacthub.hub.api.HttpApi;
import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.events.ConversationRoster;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.ingest.ChangeEvents;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.log.LogOptions;
import io.contacthub.hub.log.SegmentedFileLog;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming the live stream with {@code ?after=<seq>}, over a real interaction log, real change
 * events on the live bus and real WebSocket clients: the records written while a client was away
 * arrive after it reconnects, in seq order and once, also while records keep coming during the
 * switch from replay to live; too old or reclaimed gets {@code stream.reset}; a bad {@code after}
 * is refused; the replay gives a client only what its role and filter let it have.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamResumeTest extends ApiServerTest {

  private static final String UPDATED = "conversation.updated";

  @TempDir Path logDir;
  // One per test, as one hub has one: its live bus remembers the last seq published.
  Vertx hubVertx;
  SegmentedFileLog log;
  ChangeEvents changes;
  HttpServer server;
  final Map<String, Set<String>> holders = new ConcurrentHashMap<>();
  final List<StreamClient> clients = new ArrayList<>();

  @BeforeEach
  void startStream() throws Exception {
    // Small segments, so a test can reclaim some.
    hubVertx = Vertx.vertx();
    log = SegmentedFileLog.open(logDir, new LogOptions(4096, true));
    changes = new ChangeEvents(new LiveEvents(hubVertx));
    Router router = Router.router(hubVertx);
    HttpApi.answerErrorsWithProblems(router);
    router
        .get(StreamEndpoint.PATH)
        .handler(
            new StreamEndpoint(
                hubVertx,
                new AuthHandler(
                    new Tokens(hubVertx, api.dependencies().auth()), api.dependencies().users()),
                Duration.ofSeconds(30),
                new SimpleMeterRegistry(),
                new Roster(),
                log));
    server = hubVertx.createHttpServer().requestHandler(router).listen(0).await();
  }

  @AfterEach
  void stopStream() throws Exception {
    // Closed by the client while the server still answers: a client socket left without the
    // server's close frame keeps its Vertx from closing (Vert.x 5 waits for the handshake).
    for (StreamClient c : clients) {
      if (!c.socket.isClosed()) {
        c.socket.close().await();
      }
    }
    hubVertx.close().await();
    log.close();
  }

  /** Who holds what, as routing would tell: only holders matter to these tests. */
  private final class Roster implements ConversationRoster {
    @Override
    public Set<String> holders(String conversationId) {
      return holders.getOrDefault(conversationId, Set.of());
    }

    @Override
    public Set<String> assignees(String conversationId) {
      return holders(conversationId);
    }

    @Override
    public String waitingIn(String conversationId) {
      return null;
    }

    @Override
    public Set<String> conversationsOf(String customerId) {
      return Set.of();
    }

    @Override
    public boolean serves(String login, String queue) {
      return false;
    }
  }

  private static ChangeRecord record(String conversationId, String subject) {
    Instant now = Instant.now();
    Conversation c =
        new Conversation(
            conversationId,
            "cust-" + conversationId,
            ConversationStatus.OPEN,
            Set.of(Channel.WEBCHAT),
            subject,
            now,
            now,
            1);
    return new ChangeRecord(ChangeRecord.Cause.STATUS, List.of(), List.of(), List.of(c));
  }

  /**
   * Appends records and publishes their events once durable, in seq order, as the hub does; waits
   * until they are published. Returns the seq of the last.
   */
  private synchronized long write(List<ChangeRecord> records) throws Exception {
    CompletableFuture<Long> first =
        log.append(records.stream().map(ChangeRecord::encode).toList())
            .thenApply(
                seq -> {
                  for (int i = 0; i < records.size(); i++) {
                    changes.durable(seq + i, records.get(i));
                  }
                  return seq;
                });
    return first.get(30, TimeUnit.SECONDS) + records.size() - 1;
  }

  private long write(String conversationId, String subject) throws Exception {
    return write(List.of(record(conversationId, subject)));
  }

  private StreamClient connect(String login, String query) {
    StreamClient c =
        StreamClient.connect(
                vertx, server.actualPort(), StreamEndpoint.PATH + query, api.token(login))
            .await();
    clients.add(c);
    return c;
  }

  /** The next content event, skipping other frames; fails after 10 s. */
  private static JsonObject nextUpdate(StreamClient c) throws InterruptedException {
    return c.nextOfType(UPDATED);
  }

  private static String subject(JsonObject frame) {
    return frame.getJsonObject("payload").getString("subject");
  }

  /** What arrives within a short while: to show that nothing more comes, after a marker. */
  private static List<String> typesUntil(StreamClient c, String markerSubject) throws Exception {
    List<String> seen = new ArrayList<>();
    while (true) {
      JsonObject f = c.next();
      seen.add(f.getString("type") + (UPDATED.equals(f.getString("type")) ? ":" + subject(f) : ""));
      if (UPDATED.equals(f.getString("type")) && markerSubject.equals(subject(f))) {
        return seen;
      }
    }
  }

  @Test
  void eventsWrittenWhileAwayArriveAfterReconnectInOrderAndOnce() throws Exception {
    long before = write("c-1", "before");
    StreamClient first = connect("alice", "");
    JsonObject hello = first.nextOfType("hello");
    assertThat(hello.getLong("seq")).isEqualTo(before);
    long one = write("c-1", "one");
    JsonObject live = nextUpdate(first);
    assertThat(live.getLong("seq")).isEqualTo(one);
    first.socket.close().await();

    List<Long> away = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      away.add(write("c-" + i, "away-" + i));
    }

    StreamClient again = connect("alice", "?after=" + one);
    assertThat(again.nextOfType("hello").getLong("seq")).isEqualTo(away.get(4));
    List<Long> seqs = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      JsonObject f = nextUpdate(again);
      seqs.add(f.getLong("seq"));
      subjects.add(subject(f));
    }
    assertThat(seqs).isEqualTo(away);
    assertThat(subjects).containsExactly("away-0", "away-1", "away-2", "away-3", "away-4");

    // Then live, and nothing twice in between.
    long next = write("c-9", "live-after");
    List<String> rest = typesUntil(again, "live-after");
    assertThat(rest).containsExactly(UPDATED + ":live-after");
    assertThat(again.frames).isEmpty();
    assertThat(next).isEqualTo(away.get(4) + 1);
  }

  @Test
  void theSwitchFromReplayToLiveUnderConcurrentWritesLosesNoneAndRepeatsNone() throws Exception {
    long start = write("c-0", "start");
    int total = 400;
    CompletableFuture<Long> writer =
        CompletableFuture.supplyAsync(
            () -> {
              long last = start;
              try {
                for (int i = 0; i < total; i++) {
                  last = write("c-" + (i % 7), "w-" + i);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              return last;
            });
    // Reconnect while the writer runs, so records land before, during and after the replay.
    while (log.nextSeq() < start + total / 4 && !writer.isDone()) {
      Thread.onSpinWait();
    }
    StreamClient client = connect("bob", "?after=" + start);
    long last = writer.get(60, TimeUnit.SECONDS);
    assertThat(client.socket.isClosed()).isFalse();

    List<Long> seqs = new ArrayList<>();
    while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < last) {
      seqs.add(nextUpdate(client).getLong("seq"));
    }
    assertThat(seqs)
        .containsExactlyElementsOf(LongStream.rangeClosed(start + 1, last).boxed().toList());
    write("c-x", "marker");
    assertThat(typesUntil(client, "marker")).containsExactly(UPDATED + ":marker");
  }

  @Test
  void reclaimedRecordsGetStreamReset() throws Exception {
    for (int i = 0; i < 60; i++) {
      write("c-r", "filler-" + i);
    }
    long head = log.nextSeq() - 1;
    log.reclaimBefore(head);

    StreamClient client = connect("alice", "?after=0");
    client.nextOfType("hello");
    JsonObject reset = client.next();
    assertThat(reset.getString("type")).isEqualTo("stream.reset");
    assertThat(reset.getString("detail")).contains("reclaimed");

    // Live events follow the reset.
    write("c-r", "after-reset");
    assertThat(subject(nextUpdate(client))).isEqualTo("after-reset");
  }

  @Test
  void tooFarBehindOrAheadGetsStreamReset() throws Exception {
    List<ChangeRecord> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      batch.add(record("c-far", "far-" + i));
    }
    for (int i = 0; i < StreamResume.MAX_RECORDS / 1_000; i++) {
      write(batch);
    }
    // The newest record is bob's: a replay to his "mine" filter is one event, not ten thousand.
    holders.put("c-bob", Set.of("bob"));
    long head = write("c-bob", "newest");
    assertThat(head).isEqualTo(StreamResume.MAX_RECORDS);

    StreamClient behind = connect("alice", "?after=" + (head - StreamResume.MAX_RECORDS - 1));
    behind.nextOfType("hello");
    JsonObject reset = behind.next();
    assertThat(reset.getString("type")).isEqualTo("stream.reset");
    assertThat(reset.getString("detail")).contains("more than 10000 records");

    StreamClient ahead = connect("alice", "?after=" + (head + 5));
    ahead.nextOfType("hello");
    assertThat(ahead.next().getString("type")).isEqualTo("stream.reset");

    // Right at the bound it is still a replay.
    StreamClient atBound =
        connect("bob", "?after=" + (head - StreamResume.MAX_RECORDS) + "&conversations=mine");
    atBound.nextOfType("hello");
    JsonObject replayed = atBound.next();
    assertThat(replayed.getString("type")).isEqualTo(UPDATED);
    assertThat(replayed.getLong("seq")).isEqualTo(head);
    assertThat(subject(replayed)).isEqualTo("newest");
  }

  @Test
  void aMalformedAfterOrFilterIsRefusedWith400Problem() {
    for (String query :
        List.of("?after=abc", "?after=-2", "?after=1.5", "?after=", "?conversations=some")) {
      Throwable failure =
          catchThrowable(
              () ->
                  StreamClient.connect(
                          vertx,
                          server.actualPort(),
                          StreamEndpoint.PATH + query,
                          api.token("alice"))
                      .await());
      assertThat(failure).as(query).isInstanceOf(UpgradeRejectedException.class);
      UpgradeRejectedException rejected = (UpgradeRejectedException) failure;
      assertThat(rejected.getStatus()).as(query).isEqualTo(400);
      assertThat(rejected.getHeaders().get("content-type")).startsWith("application/problem+json");
      assertThat(rejected.getBody().toJsonObject().getString("detail")).isNotBlank();
    }
  }

  @Test
  void theReplayGivesEachClientOnlyWhatItsRoleAndFilterAllow() throws Exception {
    holders.put("c-alice", Set.of("alice"));
    holders.put("c-bob", Set.of("bob"));
    long after = write("c-none", "start");
    write("c-alice", "for-alice");
    write("c-bob", "for-bob");
    write("c-open", "unassigned");
    write("c-end", "end");

    StreamClient aliceMine = connect("alice", "?after=" + after + "&conversations=mine");
    StreamClient aliceWatching =
        connect("alice", "?after=" + after + "&conversations=mine&watch=c-open");
    StreamClient bobMine = connect("bob", "?after=" + after + "&conversations=mine");
    StreamClient sue = connect("sue", "?after=" + after);

    // A marker written to a conversation both hold ends each replay.
    holders.put("c-marker", Set.of("alice", "bob"));
    write("c-marker", "marker");
    assertThat(typesUntil(aliceMine, "marker"))
        .containsExactly("hello", UPDATED + ":for-alice", UPDATED + ":marker");
    assertThat(typesUntil(aliceWatching, "marker"))
        .containsExactly(
            "hello", UPDATED + ":for-alice", UPDATED + ":unassigned", UPDATED + ":marker");
    assertThat(typesUntil(bobMine, "marker"))
        .containsExactly("hello", UPDATED + ":for-bob", UPDATED + ":marker");
    assertThat(typesUntil(sue, "marker"))
        .containsExactly(
            "hello",
            UPDATED + ":for-alice",
            UPDATED + ":for-bob",
            UPDATED + ":unassigned",
            UPDATED + ":end",
            UPDATED + ":marker");

    // The ingest service is no staff member: no stream, resumed or not.
    Throwable refused =
        catchThrowable(
            () ->
                StreamClient.connect(
                        vertx,
                        server.actualPort(),
                        StreamEndpoint.PATH + "?after=" + after,
                        ApiServer.INGEST_TOKEN)
                    .await());
    assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(403);
  }
}
