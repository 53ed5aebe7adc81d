package io.contacthub.hub.routing.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Channel;
import io.contacthub.hub.routing.agents.Agent;
import io.contacthub.hub.routing.agents.Presence;
import io.contacthub.hub.routing.engine.RoutingState;
import io.contacthub.hub.routing.metrics.Outcome;
import io.contacthub.hub.routing.work.WorkItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing snapshot in slices: a state larger than one slice of everything comes back whole,
 * from a snapshot and from the journal after it; routing goes on while a snapshot is written, which
 * holds the state as it was when it was taken; a second snapshot taken before the first is written
 * lets both finish; a snapshot is written at its pace until the journal is hurried or closed; a
 * snapshot written as one object still loads; a new snapshot is due once the journal is as large as
 * the last one.
 */
class FileRoutingJournalTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  private static final double UNPACED = Double.POSITIVE_INFINITY;

  @TempDir Path dir;

  @Test
  void aStateOfManySlicesComesBackWhole() throws IOException {
    RoutingState state = state(3 * RoutingSnapshot.PER_LINE + 7);
    try (FileRoutingJournal journal = FileRoutingJournal.open(dir)) {
      journal.recover();
      journal.snapshot(state).join();
    }
    List<String> lines = Files.readAllLines(dir.resolve("snapshot.json"), StandardCharsets.UTF_8);
    assertThat(lines.size()).isGreaterThan(3 + 3 + 1 + 1);
    assertThat(new JsonObject(lines.get(0)).fieldNames()).containsExactly("journalSeq");

    assertRecoversAs(state);
  }

  @Test
  void entriesAfterTheSnapshotAreReplayedOnIt() throws IOException {
    RoutingState state = state(300);
    WorkItem later = item(1_000);
    try (FileRoutingJournal journal = FileRoutingJournal.open(dir)) {
      journal.recover();
      journal.snapshot(state).join();
      byte[] entry =
          new JsonObject()
              .put("consumedSeq", 5_000L)
              .put("items", new JsonArray().add(later.toJson()))
              .toBuffer()
              .getBytes();
      journal.append(entry).join();
    }
    state.put(later);
    state.consumed(5_000);
    assertRecoversAs(state);
  }

  @Test
  void routingGoesOnWhileASnapshotIsWritten() throws Exception {
    RoutingState state = state(300);
    CountDownLatch gate = new CountDownLatch(1);
    try (FileRoutingJournal journal = journalWithItsSnapshotThreadHeld(gate)) {

      // WHEN a snapshot is taken while its thread is busy
      CompletableFuture<Long> written = journal.snapshot(state);

      // THEN routing goes on: items change and close, new ones come, entries are appended, and no
      // second snapshot is due
      assertThat(written).isNotDone();
      RoutingState before = state(300);
      List<WorkItem> open = List.copyOf(state.items());
      WorkItem offered = open.get(0);
      state.change(offered, x -> x.offer("agent-1", T0.plusSeconds(30)));
      WorkItem closed = open.get(1);
      state.change(closed, WorkItem::close);
      WorkItem declined = open.get(2);
      state.change(declined, x -> x.offer("agent-2", T0.plusSeconds(30)));
      state.change(declined, WorkItem::declined);
      WorkItem added = item(1_000);
      state.put(added);
      byte[] entry =
          new JsonObject()
              .put(
                  "items",
                  new JsonArray()
                      .add(offered.toJson())
                      .add(new JsonObject().put("id", closed.id()).put("closed", true))
                      .add(declined.toJson())
                      .add(added.toJson()))
              .toBuffer()
              .getBytes();
      journal.append(entry).join();
      assertThat(journal.snapshotDue()).isFalse();

      // AND the snapshot holds the state as it was when it was taken, the journal what came after
      gate.countDown();
      assertThat(written.get(10, TimeUnit.SECONDS)).isPositive();
      RoutingState snapshotOnly = new RoutingState();
      try (var lines = Files.lines(dir.resolve("snapshot.json"), StandardCharsets.UTF_8)) {
        RoutingSnapshot.read(lines.skip(1), snapshotOnly);
      }
      assertSameState(snapshotOnly, before);
    }
    assertRecoversAs(state);
  }

  @Test
  void aSnapshotTakenWhileAnotherIsWaitingToBeWrittenLetsBothFinish() throws Exception {
    RoutingState state = state(300);
    CountDownLatch gate = new CountDownLatch(1);
    try (FileRoutingJournal journal = journalWithItsSnapshotThreadHeld(gate)) {
      CompletableFuture<Long> first = journal.snapshot(state);
      WorkItem w = state.items().iterator().next();
      state.change(w, x -> x.offer("agent-1", T0.plusSeconds(30)));

      // WHEN a second snapshot (a stop's) is taken before the first is written
      CompletableFuture<Long> second = journal.snapshot(state);
      gate.countDown();

      // THEN both are written, the second last
      assertThat(first.get(10, TimeUnit.SECONDS)).isPositive();
      assertThat(second.get(10, TimeUnit.SECONDS)).isPositive();
    }
    assertRecoversAs(state);
  }

  @Test
  void aSnapshotIsWrittenAtItsPaceUntilTheJournalIsHurried() throws Exception {
    RoutingState state = state(3 * RoutingSnapshot.PER_LINE + 7); // some 450 KB
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (FileRoutingJournal journal = FileRoutingJournal.open(dir, writer, 0.01)) {
      journal.recover();

      // WHEN a snapshot is written at 10 KB a second, THEN it takes its time
      CompletableFuture<Long> written = journal.snapshot(state);
      assertThatThrownBy(() -> written.get(500, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);

      // AND once hurried it finishes at full speed, whole
      journal.hurry();
      assertThat(written.get(10, TimeUnit.SECONDS)).isPositive();
    }
    assertRecoversAs(state);
  }

  @Test
  void closingFinishesAPacedSnapshotAtFullSpeed() throws Exception {
    RoutingState state = state(3 * RoutingSnapshot.PER_LINE + 7);
    FileRoutingJournal journal =
        FileRoutingJournal.open(dir, Executors.newSingleThreadExecutor(), 0.01);
    journal.recover();
    CompletableFuture<Long> written = journal.snapshot(state);

    // WHEN the journal is closed while the snapshot is written at 10 KB a second (some 45 s)
    CompletableFuture.runAsync(
            () -> {
              try {
                journal.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .get(10, TimeUnit.SECONDS);

    // THEN the close waited for it, written whole at full speed
    assertThat(written.get(0, TimeUnit.SECONDS)).isPositive();
    assertRecoversAs(state);
  }

  /** A recovered journal whose snapshot thread is busy until {@code gate} opens. */
  private FileRoutingJournal journalWithItsSnapshotThreadHeld(CountDownLatch gate)
      throws IOException {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    FileRoutingJournal journal = FileRoutingJournal.open(dir, writer, UNPACED);
    journal.recover();
    writer.execute(() -> awaitQuietly(gate));
    return journal;
  }

  private static void awaitQuietly(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aSnapshotWrittenAsOneObjectStillLoads() throws IOException {
    RoutingState state = state(20);
    JsonArray items = new JsonArray();
    state.items().forEach(w -> items.add(w.toJson()));
    JsonArray agents = new JsonArray();
    state.agents().forEach(a -> agents.add(a.toJson()));
    JsonArray outcomes = new JsonArray();
    state.outcomes().forEach(o -> outcomes.add(o.toJson()));
    JsonObject last = new JsonObject();
    state.lastAgents().forEach(last::put);
    JsonObject whole =
        new JsonObject()
            .put("consumedSeq", state.consumedSeq())
            .put("items", items)
            .put("agents", agents)
            .put("outcomes", outcomes)
            .put("lastAgents", last);
    Files.writeString(
        dir.resolve("snapshot.json"),
        new JsonObject().put("journalSeq", 0L).put("state", whole).encode());

    assertRecoversAs(state);
  }

  @Test
  void aSnapshotIsDueOnceTheJournalIsAsLargeAsTheLast() throws IOException {
    try (FileRoutingJournal journal = FileRoutingJournal.open(dir)) {
      journal.recover();
      byte[] entry = new byte[1 << 20];
      java.util.Arrays.fill(entry, (byte) ' ');
      long appended = 0;
      while (appended + entry.length < RoutingSnapshot.MIN_JOURNAL_BYTES) {
        journal.append(entry).join();
        appended += entry.length;
        assertThat(journal.snapshotDue()).isFalse();
      }
      journal.append(entry).join();
      assertThat(journal.snapshotDue()).isTrue();
      journal.snapshot(state(10)).join();
      assertThat(journal.snapshotDue()).isFalse();
    }
    assertThat(RoutingSnapshot.due(RoutingSnapshot.MIN_JOURNAL_BYTES, 0)).isTrue();
    assertThat(RoutingSnapshot.due(20L << 20, 30L << 20)).isFalse();
    assertThat(RoutingSnapshot.due(30L << 20, 30L << 20)).isTrue();
  }

  private static RoutingState state(int items) {
    RoutingState s = new RoutingState();
    for (int i = 0; i < items; i++) {
      s.put(item(i));
      s.rememberLastAgent("conv-" + i, "agent-" + (i % 7));
    }
    for (int i = 0; i < RoutingSnapshot.PER_LINE + 3; i++) {
      s.putAgent(
          new Agent(
              "agent-" + i,
              Set.of("billing"),
              Map.of(Channel.WEBCHAT, 2),
              Presence.AVAILABLE,
              T0,
              T0.plusSeconds(i),
              null));
      s.addOutcome(
          new Outcome(
              Outcome.Kind.ANSWERED, "general", Channel.EMAIL, T0.plusSeconds(i), Duration.ZERO));
    }
    s.consumed(4_321);
    s.drain();
    return s;
  }

  private static WorkItem item(int i) {
    WorkItem w =
        new WorkItem(
            "conv-" + i,
            "conv-" + i,
            "cust-" + i,
            Channel.WHATSAPP,
            false,
            "general",
            T0.plusSeconds(i),
            T0.plusSeconds(i + 600),
            null);
    if (i % 3 == 0) {
      w.notice("firstResponse.warning");
    }
    return w;
  }

  /** The journal in {@code dir}, opened again, recovers {@code expected}. */
  private void assertRecoversAs(RoutingState expected) throws IOException {
    try (FileRoutingJournal journal = FileRoutingJournal.open(dir)) {
      assertSameState(journal.recover(), expected);
    }
  }

  private static void assertSameState(RoutingState actual, RoutingState expected) {
    assertThat(json(actual.items().stream().map(WorkItem::toJson).toList()))
        .containsExactlyInAnyOrderElementsOf(
            json(expected.items().stream().map(WorkItem::toJson).toList()));
    assertThat(actual.agents()).containsExactlyInAnyOrderElementsOf(expected.agents());
    assertThat(actual.outcomes()).containsExactlyElementsOf(expected.outcomes());
    assertThat(actual.lastAgents()).isEqualTo(expected.lastAgents());
    assertThat(actual.consumedSeq()).isEqualTo(expected.consumedSeq());
  }

  private static List<String> json(List<JsonObject> objects) {
    return objects.stream().map(JsonObject::encode).toList();
  }
}
