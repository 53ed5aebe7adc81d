package io.contacthub.hub.timeline;

import static io.contacthub.hub.timeline.TimelineFixtures.T0;
import static io.contacthub.hub.timeline.TimelineFixtures.conversation;
import static io.contacthub.hub.timeline.TimelineFixtures.customer;
import static io.contacthub.hub.timeline.TimelineFixtures.message;
import static io.contacthub.hub.timeline.TimelineFixtures.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class LuceneTimelineIndexTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Background refresh rarely, so visibility in these tests comes from awaitSearchable. */
  private static final TimelineOptions SLOW_REFRESH =
      TimelineOptions.DEFAULT.withMaxStale(Duration.ofSeconds(30));

  @TempDir Path dir;
  private LuceneTimelineIndex index;
  private final ExecutorService committer = Executors.newSingleThreadExecutor();

  @AfterEach
  void close() throws Exception {
    committer.shutdownNow();
    if (index != null) {
      index.close();
    }
  }

  @Test
  void reapplyingReplacesInsteadOfDuplicating() throws Exception {
    // GIVEN an interaction applied once
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(List.of(message("i-1", 1).text("first draft").build()), List.of(), List.of(), 1);

    // WHEN the same interaction is applied again with new content
    index.apply(List.of(message("i-1", 2).text("final words").build()), List.of(), List.of(), 2);
    assertThat(index.awaitSearchable(2, WAIT)).isTrue();

    // THEN there is one document, with the latest content
    assertThat(index.search(search(null).build()).total()).isEqualTo(1);
    assertThat(index.search(search("draft").build()).total()).isZero();
    assertThat(index.interaction("i-1")).map(Interaction::text).contains("final words");
    assertThat(index.timeline(Set.of("cust-1"), null, 10).items()).hasSize(1);
  }

  @Test
  void replayingWhatACommitHoldsReplacesInsteadOfDuplicating() throws Exception {
    // GIVEN interactions in the last commit (a commit also holds what was applied beyond its seq)
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(
        List.of(message("i-1", 1).build(), message("i-2", 2).build()), List.of(), List.of(), 2);
    index.close();

    // WHEN the index is reopened and the log replays them, and one new interaction
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(
        List.of(
            message("i-1", 1).build(),
            message("i-2", 2).text("edited").build(),
            message("i-3", 3).build()),
        List.of(),
        List.of(),
        3);
    assertThat(index.awaitSearchable(3, WAIT)).isTrue();

    // THEN each is there once, the replayed ones as replayed
    assertThat(index.search(search(null).build()).total()).isEqualTo(3);
    assertThat(index.interaction("i-2")).map(Interaction::text).contains("edited");
    assertThat(index.timeline(Set.of("cust-1"), null, 10).items()).hasSize(3);
  }

  @Test
  void appliedInteractionBecomesSearchableWithinTheRefreshInterval() throws Exception {
    index = LuceneTimelineIndex.open(dir, TimelineOptions.DEFAULT);
    long started = System.nanoTime();

    index.apply(List.of(message("i-1", 1).build()), List.of(), List.of(), 1);

    // Nobody waits, so only the background refresh can make it visible; the product promises 1 s.
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(5))
        // The refresher records the generation it searches just after the new searcher is in use.
        .until(() -> index.interaction("i-1").isPresent() && index.searchableSeq() == 1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void awaitSearchableWaitsForTheApplyAndTheRefresh() throws Exception {
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return index.awaitSearchable(5, WAIT);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    index.apply(List.of(message("i-1", 5).build()), List.of(), List.of(), 5);

    assertThat(waiter.get()).isTrue();
    assertThat(index.searchableSeq()).isEqualTo(5);
    assertThat(index.interaction("i-1")).isPresent();
  }

  @Test
  void eachRefreshThatShowsNewChangesIsReportedWithTheSeqItMadeSearchable() throws Exception {
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    List<long[]> refreshes = new CopyOnWriteArrayList<>();
    index.observeRefreshes(
        (nanos, searchableSeq) -> refreshes.add(new long[] {nanos, searchableSeq}));

    index.apply(List.of(message("i-1", 3).build()), List.of(), List.of(), 3);
    assertThat(index.awaitSearchable(3, WAIT)).isTrue();
    index.apply(List.of(message("i-2", 4).build()), List.of(), List.of(), 4);
    assertThat(index.awaitSearchable(4, WAIT)).isTrue();

    // The observer runs after the refresher has let waiters go.
    await().atMost(WAIT).until(() -> refreshes.size() >= 2);
    assertThat(refreshes).extracting(r -> r[1]).containsExactly(3L, 4L);
    assertThat(refreshes).allSatisfy(r -> assertThat(r[0]).isPositive());
  }

  @Test
  void awaitSearchableTimesOutForASeqNeverApplied() throws Exception {
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(List.of(message("i-1", 1).build()), List.of(), List.of(), 1);

    assertThat(index.awaitSearchable(2, Duration.ofMillis(50))).isFalse();
    assertThat(index.awaitSearchable(1, WAIT)).isTrue();
  }

  @Test
  void searchableSeqLagsUntilTheNextRefresh() throws Exception {
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(List.of(message("i-1", 1).build()), List.of(), List.of(), 1);
    index.awaitSearchable(1, WAIT);

    index.apply(List.of(message("i-2", 2).build()), List.of(), List.of(), 2);

    assertThat(index.searchableSeq()).isEqualTo(1);
    assertThat(index.interaction("i-2")).isEmpty();
  }

  @Test
  void emptyIndexHasNoCommittedSeq() throws Exception {
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);

    assertThat(index.committedSeq()).isEqualTo(-1);
    assertThat(index.searchableSeq()).isEqualTo(-1);
  }

  @Test
  void commitAndReopenKeepTheSeqAndEveryDocumentType() throws Exception {
    // GIVEN documents of every type, committed at seq 7
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(
        List.of(message("i-1", 6).build()),
        List.of(customer("cust-1", "Ada"), customer("cust-2", "Grace")),
        List.of(conversation("conv-1", "cust-1", ConversationStatus.OPEN)),
        7);
    index.commit(false);
    assertThat(index.committedSeq()).isEqualTo(7);

    // WHEN the index is closed and opened again
    index.close();
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);

    // THEN the checkpoint and the documents are back
    assertThat(index.committedSeq()).isEqualTo(7);
    assertThat(index.searchableSeq()).isEqualTo(7);
    assertThat(index.interaction("i-1")).isPresent();
    List<Customer> customers = new ArrayList<>();
    index.forEachCustomer(customers::add);
    assertThat(customers)
        .extracting(Customer::id, Customer::displayName)
        .containsExactlyInAnyOrder(tuple("cust-1", "Ada"), tuple("cust-2", "Grace"));
    assertThat(customers.get(0).attributes().getString("segment")).isEqualTo("gold");
    List<Conversation> conversations = new ArrayList<>();
    index.forEachConversation(conversations::add);
    assertThat(conversations)
        .containsExactly(conversation("conv-1", "cust-1", ConversationStatus.OPEN));
  }

  @Test
  void aPacedCommitSavesItsSnapshotsASlicePerRefresh() throws Exception {
    // GIVEN more unsaved customers than three slices, and a refresh every 300 ms
    index =
        LuceneTimelineIndex.open(dir, TimelineOptions.DEFAULT.withMaxStale(Duration.ofMillis(300)));
    int customers = 3 * LuceneTimelineIndex.MIN_SNAPSHOT_SLICE + 1;
    index.apply(
        List.of(),
        customers(customers),
        List.of(conversation("conv-1", "cust-1", ConversationStatus.OPEN)),
        9);

    // WHEN a paced commit runs and a message is applied meanwhile
    Future<?> commit = commitPaced();
    index.apply(List.of(message("i-1", 10).build()), List.of(), List.of(), 10);

    // THEN the message becomes searchable, and the commit ends
    assertThat(index.awaitSearchable(10, WAIT)).isTrue();
    commit.get();

    // AND every snapshot was saved (with the message too if the commit began after it), each slice
    // flushed by a refresh of its own: a segment each
    assertThat(index.committedSeq()).isIn(9L, 10L);
    index.close();
    try (DirectoryReader saved = DirectoryReader.open(FSDirectory.open(dir))) {
      assertThat(saved.leaves()).hasSizeGreaterThanOrEqualTo(3);
    }
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    assertThat(customerNames()).hasSize(customers);
    List<Conversation> conversations = new ArrayList<>();
    index.forEachConversation(conversations::add);
    assertThat(conversations).hasSize(1);
  }

  @Test
  void aPacedCommitHurriedFinishesWithoutWaitingForRefreshes() throws Exception {
    // GIVEN a paced commit of three slices, with a refresh only every 30 s
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    int customers = 3 * LuceneTimelineIndex.MIN_SNAPSHOT_SLICE;
    index.apply(List.of(), customers(customers), List.of(), 4);
    Future<?> commit = commitPaced();

    // WHEN the hub stops
    index.hurry();

    // THEN the commit ends long before a refresh would have come, with every snapshot
    commit.get(10, TimeUnit.SECONDS);
    assertThat(index.committedSeq()).isEqualTo(4);
    assertThat(customerNames()).hasSize(customers);
  }

  @Test
  void aPacedCommitWhoseRefreshDoesNotComeGivesUpWaitingAfterItsBound() throws Exception {
    // GIVEN a paced commit of one slice, and no refresh for 30 s (as if the refresh thread failed)
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    int customers = LuceneTimelineIndex.MIN_SNAPSHOT_SLICE;
    index.apply(List.of(), customers(customers), List.of(), 4);

    // WHEN it runs, never hurried
    long begin = System.nanoTime();
    commitPaced().get(20, TimeUnit.SECONDS);

    // THEN it waited for its slice's refresh, but only for the bound, and saved every snapshot
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
    assertThat(index.committedSeq()).isEqualTo(4);
    assertThat(customerNames()).hasSize(customers);
  }

  @Test
  void closeCommitsWhatWasApplied() throws Exception {
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(List.of(message("i-1", 3).build()), List.of(), List.of(), 3);

    index.close();
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);

    assertThat(index.committedSeq()).isEqualTo(3);
    assertThat(index.interaction("i-1")).isPresent();
  }

  @Test
  void forEachVisitsTheLatestCommittedVersionOnce() throws Exception {
    // GIVEN a customer and a conversation committed once, then changed without a commit
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(
        List.of(),
        List.of(customer("cust-1", "Ada")),
        List.of(conversation("conv-1", "cust-1", ConversationStatus.OPEN)),
        1);
    index.commit(false);
    index.apply(
        List.of(),
        List.of(customer("cust-1", "Ada Lovelace")),
        List.of(conversation("conv-1", "cust-1", ConversationStatus.RESOLVED)),
        2);

    // THEN the visit shows the committed version (the log holds the later one for a restart)
    assertThat(customerNames()).containsExactly("Ada");

    // WHEN committed again THEN the latest version, once
    index.commit(false);
    assertThat(customerNames()).containsExactly("Ada Lovelace");
    List<Conversation> conversations = new ArrayList<>();
    index.forEachConversation(conversations::add);
    assertThat(conversations)
        .extracting(Conversation::status)
        .containsExactly(ConversationStatus.RESOLVED);
  }

  /** Customers cust-0 to cust-{@code n - 1}. */
  private static List<Customer> customers(int n) {
    return IntStream.range(0, n).mapToObj(i -> customer("cust-" + i, "C" + i)).toList();
  }

  /** A commit in the background, paced, as the index projector runs it. */
  private Future<?> commitPaced() {
    return committer.submit(
        () -> {
          index.commit(true);
          return null;
        });
  }

  private List<String> customerNames() throws Exception {
    List<Customer> customers = new ArrayList<>();
    index.forEachCustomer(customers::add);
    return customers.stream().map(Customer::displayName).toList();
  }

  @Test
  void findsInteractionsByDedupeKey() throws Exception {
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    Interaction mail = message("i-1", 1).build();
    index.apply(List.of(mail), List.of(), List.of(), 1);
    index.awaitSearchable(1, WAIT);

    assertThat(index.interactionByDedupeKey(mail.dedupeKey())).contains(mail);
    assertThat(index.interactionByDedupeKey("email:unknown")).isEmpty();
    assertThat(index.interaction("nope")).isEmpty();
  }

  @Test
  void keysAreFoundAfterAReopen() throws Exception {
    // GIVEN interactions with dedupe and thread keys
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    int n = 2_000;
    List<Interaction> all = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(message("i-" + i, i + 1).threadKeys("email:<m" + i + "@x>").build());
    }
    index.apply(all, List.of(), List.of(), n);
    assertThat(index.awaitSearchable(n, Duration.ofSeconds(20))).isTrue();

    // THEN each is found by its dedupe key and thread key, and unknown keys are not
    for (int i = 0; i < n; i += 97) {
      assertThat(index.interactionByDedupeKey(all.get(i).dedupeKey())).contains(all.get(i));
      assertThat(index.conversationByThreadKeys(List.of("email:<m" + i + "@x>")))
          .contains("conv-1");
    }
    assertThat(index.interactionByDedupeKey("email:never-seen")).isEmpty();

    // WHEN the index is reopened, the filter is rebuilt from the index's terms
    index.close();
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);

    // THEN the same keys are still found
    assertThat(index.interactionByDedupeKey(all.get(n - 1).dedupeKey())).contains(all.get(n - 1));
    assertThat(index.conversationByThreadKeys(List.of("email:<m1234@x>"))).contains("conv-1");
    assertThat(index.conversationByThreadKeys(List.of("email:<m-unknown@x>"))).isEmpty();
  }

  @Test
  void threadKeysResolveToTheConversationOfTheNewestInteraction() throws Exception {
    // GIVEN a thread key registered by two interactions in different conversations
    index = LuceneTimelineIndex.open(dir, SLOW_REFRESH);
    index.apply(
        List.of(
            message("i-old", 2)
                .conversation("conv-old")
                .at(T0)
                .threadKeys("email:<a@x>", "email:<b@x>")
                .build(),
            message("i-new", 1)
                .conversation("conv-new")
                .at(T0.plusSeconds(60))
                .threadKeys("email:<b@x>")
                .build()),
        List.of(),
        List.of(),
        2);
    index.awaitSearchable(2, WAIT);

    // THEN the newest registration wins; a key only the old one has still finds the old one
    assertThat(index.conversationByThreadKeys(List.of("email:<b@x>"))).contains("conv-new");
    assertThat(index.conversationByThreadKeys(List.of("email:<a@x>", "email:<z@x>")))
        .contains("conv-old");
    assertThat(index.conversationByThreadKeys(List.of("email:<z@x>"))).isEmpty();
    assertThat(index.conversationByThreadKeys(List.of())).isEmpty();
  }

  @Test
  void readersSeeConsistentGrowingResultsWhileBatchesAreApplied() throws Exception {
    // GIVEN readers that search and page while the writer applies and refreshes
    index = LuceneTimelineIndex.open(dir, TimelineOptions.DEFAULT);
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch started = new CountDownLatch(3);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<Long>> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      readers.add(
          pool.submit(
              () -> {
                started.countDown();
                long lastTotal = 0;
                long searches = 0;
                do {
                  SearchResult result = index.search(search("note").build());
                  long total = result.total();
                  assertThat(total).isGreaterThanOrEqualTo(lastTotal);
                  assertThat(result.facets().values().stream().mapToLong(Long::longValue).sum())
                      .isEqualTo(total);
                  lastTotal = total;
                  List<Interaction> items = index.timeline(Set.of("cust-1"), null, 50).items();
                  assertThat(items).doesNotHaveDuplicates();
                  searches++;
                } while (writing.get());
                return searches;
              }));
    }
    started.await();

    // WHEN 20 batches of 10 are applied
    for (int batch = 0; batch < 20; batch++) {
      List<Interaction> interactions = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = batch * 10 + i;
        interactions.add(message("i-" + n, n + 1).at(T0.plusSeconds(n)).text("note " + n).build());
      }
      index.apply(interactions, List.of(), List.of(), batch + 1);
    }
    assertThat(index.awaitSearchable(20, WAIT)).isTrue();
    writing.set(false);

    // THEN no reader failed, and everything is there
    pool.shutdown();
    for (Future<Long> reader : readers) {
      assertThat(reader.get()).isPositive();
    }
    assertThat(index.search(search("note").build()).total()).isEqualTo(200);
  }
}
