package io.contacthub.hub.timeline;

import io.contacthub.connector.Direction;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import io.contacthub.hub.model.TimelinePage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The timeline index: owns the one {@link IndexWriter}, the near-real-time {@link SearcherManager}
 * and the thread that refreshes it.
 *
 * <p>One index holds interactions, customers and conversations (a {@code type} field tells them
 * apart). A single commit then checkpoints all three at one log sequence number, so recovery
 * replays from one place. Customer and conversation documents are only a stored JSON each, read at
 * start-up, and written at each commit rather than at each change.
 *
 * <p>Segments are sorted newest first ({@link TimelineFields#NEWEST_FIRST}). Interactions arrive
 * roughly oldest first, the worst case for points-based sort skipping: it only narrows the scan
 * once the queue holds the newest hits, which arrive last. Measured with {@code TimelineScaleCheck}
 * (1,250,000 interactions, one customer holding 1,000,000): the first page of that timeline costs
 * 127 ms CPU without the index sort and 0.44 ms with it (deep cursors 0.9 ms). Sorting costs
 * indexing throughput little next to the fields themselves.
 */
public final class LuceneTimelineIndex implements TimelineIndex {

  private static final String COMMIT_SEQ = "seq";

  /**
   * Index files are synced this often while written, so that a commit finds little left to push out
   * ahead of the log's syncs ({@link StepSyncedDirectory}); measured against none at full scale.
   */
  private static final long SYNC_STEP_BYTES = 1L << 20;

  /**
   * A commit writes its customer and conversation snapshots over at most this many refreshes (a few
   * seconds), in slices of at least {@link #MIN_SNAPSHOT_SLICE}.
   */
  static final int SNAPSHOT_SLICES = 20;

  static final int MIN_SNAPSHOT_SLICE = 2_000;

  private static final long SLICE_POLL_NANOS = 5_000_000;

  private static final long SLICE_WAIT_LIMIT_NANOS = 5_000_000_000L;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ControlledRealTimeReopenThread<IndexSearcher> refresher;
  private final AppliedSeqs seqs;
  private final InteractionSearch search;
  private final KnownKeys dedupeKeys;
  private final KnownKeys threadKeys;

  /**
   * The latest customer and conversation snapshots not yet written. They are read only at start-up,
   * from the last commit, so they are written at each commit instead of at every change: a busy
   * conversation otherwise rewrote its document with every message, about a third of the indexing
   * work. Guarded by {@code this}.
   */
  private Map<String, Customer> unsavedCustomers = new LinkedHashMap<>();

  private Map<String, Conversation> unsavedConversations = new LinkedHashMap<>();
  private volatile long committedSeq;
  private volatile boolean closed;
  private volatile boolean hurried;
  private volatile RefreshObserver refreshObserver = RefreshObserver.NONE;

  private LuceneTimelineIndex(Directory directory, IndexWriter writer, TimelineOptions options)
      throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.committedSeq = committedSeq(writer);
    this.seqs = new AppliedSeqs(committedSeq);
    this.search = new InteractionSearch(writer.getAnalyzer());
    this.searchers = new SearcherManager(writer, null);
    IndexSearcher searcher = searchers.acquire();
    try {
      this.dedupeKeys = KnownKeys.load(searcher.getIndexReader(), TimelineFields.DEDUPE);
      this.threadKeys = KnownKeys.load(searcher.getIndexReader(), TimelineFields.THREAD_KEY);
    } finally {
      searchers.release(searcher);
    }
    this.refresher =
        new ControlledRealTimeReopenThread<>(
            writer, searchers, seconds(options.maxStale()), seconds(options.minStale()));
    refresher.setName("timeline-refresh");
    refresher.setDaemon(true);
    // After the refresher's own listener, which moves the searching generation that
    // searchableSeq() reads.
    searchers.addListener(new RefreshTimer());
    refresher.start();
  }

  /** Opens (or creates) the index in {@code dir}. */
  public static LuceneTimelineIndex open(Path dir, TimelineOptions options) throws IOException {
    Directory directory = new StepSyncedDirectory(FSDirectory.open(dir), SYNC_STEP_BYTES);
    IndexWriter writer = null;
    try {
      // Merges paced to what keeps up with indexing (Lucene raises the rate while merges back up
      // and lowers it while they keep up), as search servers that index while serving do: at full
      // speed a large merge took most of a core for seconds, and single acknowledgements waited
      // behind it.
      ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
      merges.enableAutoIOThrottle();
      IndexWriterConfig config =
          new IndexWriterConfig(new TextAnalyzer())
              .setMergeScheduler(merges)
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              .setIndexSort(TimelineFields.NEWEST_FIRST)
              .setRAMBufferSizeMB(options.ramBufferMb())
              // A refresh would otherwise wait up to 500 ms to merge the segments it just flushed;
              // visibility is the promise, background merges catch up a moment later.
              .setMaxFullFlushMergeWaitMillis(0)
              .setCommitOnClose(false); // close() commits itself, with the applied seq
      writer = new IndexWriter(directory, config);
      return new LuceneTimelineIndex(directory, writer, options);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(writer, directory);
      throw e;
    }
  }

  @Override
  public synchronized void apply(
      Collection<Interaction> interactions,
      Collection<Customer> customers,
      Collection<Conversation> conversations,
      long upToSeq)
      throws IOException {
    for (Interaction i : interactions) {
      String dedupeKey = i.dedupeKey();
      i.threadKeys().forEach(threadKeys::add);
      if (dedupeKeys.mayContain(dedupeKey)) {
        writer.updateDocument(
            TimelineDocuments.interactionKey(i.id()), TimelineDocuments.interaction(i));
      } else {
        // Certainly not in the index (its key identifies it, for good), so nothing to replace: an
        // update would make every refresh look the id up in every segment (about 7% of the index's
        // CPU in a burst). A replay after a crash finds the keys of what the last commit holds.
        dedupeKeys.add(dedupeKey);
        writer.addDocument(TimelineDocuments.interaction(i));
      }
    }
    customers.forEach(c -> unsavedCustomers.put(c.id(), c));
    conversations.forEach(c -> unsavedConversations.put(c.id(), c));
    // Every operation above has completed, so a searcher that includes this generation shows them.
    seqs.applied(upToSeq, writer.getMaxCompletedSequenceNumber());
  }

  /**
   * Writes the unsaved customers and conversations and commits with the applied seq. The index's
   * lock is held only to take the unsaved snapshots and the seq: {@link #apply} goes on while they
   * are written and Lucene flushes and syncs, which can take seconds. What it applies meanwhile
   * lands in this commit or the next; a restart replays from the seq on, and replay replaces
   * documents by id, so nothing is doubled.
   *
   * <p>Paced, the snapshots are written in slices, one per refresh ({@link #SNAPSHOT_SLICES}):
   * after a burst of ingest a commit has some 200,000 of them, and written at once they were one
   * segment that the commit's flush wrote for seconds while the refresh waited behind it (nothing
   * new became searchable) and the commit took a core from acknowledgements.
   */
  @Override
  public void commit(boolean paced) throws IOException {
    long seq;
    Map<String, Customer> customers;
    Map<String, Conversation> conversations;
    synchronized (this) {
      seq = seqs.applied(); // every snapshot up to it is taken here or was saved before
      customers = unsavedCustomers;
      conversations = unsavedConversations;
      unsavedCustomers = new LinkedHashMap<>();
      unsavedConversations = new LinkedHashMap<>();
    }
    int slice =
        paced
            ? Math.max(
                MIN_SNAPSHOT_SLICE,
                Math.ceilDiv(customers.size() + conversations.size(), SNAPSHOT_SLICES))
            : Integer.MAX_VALUE;
    int inSlice = 0;
    for (Customer c : customers.values()) {
      writer.updateDocument(TimelineDocuments.customerKey(c.id()), TimelineDocuments.customer(c));
      inSlice = endOfSlice(inSlice + 1, slice);
    }
    for (Conversation c : conversations.values()) {
      writer.updateDocument(
          TimelineDocuments.conversationKey(c.id()), TimelineDocuments.conversation(c));
      inSlice = endOfSlice(inSlice + 1, slice);
    }
    writer.setLiveCommitData(Map.of(COMMIT_SEQ, Long.toString(seq)).entrySet());
    writer.commit();
    committedSeq = seq;
  }

  /** At the end of a slice, waits for a refresh to show what was written; the count in the next. */
  private int endOfSlice(int written, int slice) throws IOException {
    if (written < slice) {
      return written;
    }
    long generation = writer.getMaxCompletedSequenceNumber();
    // A refresh that does not come (its thread failed) must not hold the commit, and the freeing
    // of the log behind it, for ever.
    long giveUpAt = System.nanoTime() + SLICE_WAIT_LIMIT_NANOS;
    // Polled, not refresher.waitForGeneration: a waiter makes the refresh come sooner, and the
    // point is to write a slice per refresh at the refresh's own pace.
    while (refresher.getSearchingGen() < generation
        && !closed
        && !hurried
        && System.nanoTime() < giveUpAt) {
      LockSupport.parkNanos(SLICE_POLL_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while saving snapshots");
      }
    }
    return 0;
  }

  @Override
  public void hurry() {
    hurried = true;
  }

  @Override
  public long committedSeq() {
    return committedSeq;
  }

  @Override
  public long searchableSeq() {
    return seqs.searchable(refresher.getSearchingGen());
  }

  @Override
  public void observeRefreshes(RefreshObserver observer) {
    this.refreshObserver = observer;
  }

  @Override
  public boolean awaitSearchable(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long generation = seqs.awaitApplied(seq, deadline);
    if (generation < 0) {
      return false;
    }
    long leftMillis = Math.max(0, Math.ceilDiv(deadline - System.nanoTime(), 1_000_000L));
    return refresher.waitForGeneration(generation, (int) Math.min(leftMillis, Integer.MAX_VALUE));
  }

  @Override
  public Optional<Interaction> interaction(String interactionId) throws IOException {
    return withSearcher(
        s ->
            DocumentLookups.newest(
                s, new TermQuery(TimelineDocuments.interactionKey(interactionId))));
  }

  @Override
  public Optional<Interaction> interactionByDedupeKey(String dedupeKey) throws IOException {
    if (!dedupeKeys.mayContain(dedupeKey)) {
      return Optional.empty();
    }
    return withSearcher(
        s -> DocumentLookups.newest(s, new TermQuery(new Term(TimelineFields.DEDUPE, dedupeKey))));
  }

  @Override
  public Optional<Interaction> interactionByThreadKey(String threadKey) throws IOException {
    if (!threadKeys.mayContain(threadKey)) {
      return Optional.empty();
    }
    return withSearcher(
        s ->
            DocumentLookups.newest(
                s, new TermQuery(new Term(TimelineFields.THREAD_KEY, threadKey))));
  }

  @Override
  public Optional<Interaction> outboundByThreadKey(String threadKey) throws IOException {
    if (!threadKeys.mayContain(threadKey)) {
      return Optional.empty();
    }
    Query query =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(TimelineFields.THREAD_KEY, threadKey)), Occur.FILTER)
            .add(
                new TermQuery(new Term(TimelineFields.DIRECTION, Direction.OUTBOUND.wireName())),
                Occur.FILTER)
            .build();
    return withSearcher(s -> DocumentLookups.newest(s, query));
  }

  @Override
  public Optional<String> conversationByThreadKeys(Collection<String> keys) throws IOException {
    Set<String> candidates =
        keys.stream().filter(threadKeys::mayContain).collect(Collectors.toSet());
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    return withSearcher(
            s ->
                DocumentLookups.newest(
                    s, TimelineFields.anyOf(TimelineFields.THREAD_KEY, candidates)))
        .map(Interaction::conversationId);
  }

  @Override
  public TimelinePage timeline(Set<String> customerIds, String cursor, int limit)
      throws IOException {
    return withSearcher(s -> TimelinePager.page(s, customerIds, cursor, limit));
  }

  @Override
  public List<Interaction> conversationAfter(String conversationId, long afterSeq, int limit)
      throws IOException {
    if (afterSeq == Long.MAX_VALUE) {
      return List.of();
    }
    Query query =
        new BooleanQuery.Builder()
            .add(
                new TermQuery(new Term(TimelineFields.TYPE, TimelineFields.TYPE_INTERACTION)),
                Occur.FILTER)
            .add(new TermQuery(new Term(TimelineFields.CONVERSATION, conversationId)), Occur.FILTER)
            .add(
                NumericDocValuesField.newSlowRangeQuery(
                    TimelineFields.SEQ, afterSeq + 1, Long.MAX_VALUE),
                Occur.FILTER)
            .build();
    Sort bySeq = new Sort(new SortField(TimelineFields.SEQ, SortField.Type.LONG));
    return withSearcher(
        s -> {
          StoredFields stored = s.storedFields();
          List<Interaction> page = new ArrayList<>();
          for (ScoreDoc hit : s.search(query, Math.max(1, limit), bySeq).scoreDocs) {
            page.add(TimelineDocuments.interaction(stored, hit.doc));
          }
          return page;
        });
  }

  @Override
  public SearchResult search(SearchRequest request) throws IOException {
    return withSearcher(s -> search.search(s, request));
  }

  @Override
  public void forEachCustomer(Consumer<Customer> visitor) throws IOException {
    searchers.maybeRefreshBlocking(); // see the last commit's snapshots
    withSearcher(
        s -> {
          DocumentLookups.forEach(
              s, TimelineFields.TYPE_CUSTOMER, json -> visitor.accept(Customer.fromJson(json)));
          return null;
        });
  }

  @Override
  public void forEachConversation(Consumer<Conversation> visitor) throws IOException {
    searchers.maybeRefreshBlocking();
    withSearcher(
        s -> {
          DocumentLookups.forEach(
              s,
              TimelineFields.TYPE_CONVERSATION,
              json -> visitor.accept(Conversation.fromJson(json)));
          return null;
        });
  }

  /**
   * Closes the refresh thread and the searchers, commits what was applied, then closes the writer
   * and the directory.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      refresher.close();
      searchers.close();
      commit(false); // no refresh to wait for
    } finally {
      IOUtils.close(writer, directory);
    }
  }

  private <T> T withSearcher(SearcherFunction<T> function) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return function.apply(searcher);
    } finally {
      searchers.release(searcher);
    }
  }

  private static long committedSeq(IndexWriter writer) {
    for (Map.Entry<String, String> entry : writer.getLiveCommitData()) {
      if (COMMIT_SEQ.equals(entry.getKey())) {
        return Long.parseLong(entry.getValue());
      }
    }
    return -1;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  @FunctionalInterface
  private interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Times each refresh; the searcher manager runs one at a time, under its refresh lock. */
  private final class RefreshTimer implements ReferenceManager.RefreshListener {
    private long started;

    @Override
    public void beforeRefresh() {
      started = System.nanoTime();
    }

    @Override
    public void afterRefresh(boolean didRefresh) {
      if (didRefresh) {
        refreshObserver.refreshed(System.nanoTime() - started, searchableSeq());
      }
    }
  }
}
