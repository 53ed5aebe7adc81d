package io.contacthub.hub.ingest;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.hub.conversation.ConversationStore;
import io.contacthub.hub.conversation.ThreadingPolicy;
import io.contacthub.hub.identity.BouncedMail;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.identity.CustomerResolver;
import io.contacthub.hub.identity.DeliveryFailures;
import io.contacthub.hub.identity.IdentityNormalizer;
import io.contacthub.hub.log.InteractionLog;
import io.contacthub.hub.log.SharedLog;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.Ids;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.NormalizedIdentity;
import io.contacthub.hub.timeline.TimelineIndex;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Every change is decided on one thread, in order, against the current state: so
 * two messages from a new customer can never create two customers, and the log order is the
 * decision order. The thread never waits for disk: it appends and moves on; the caller's future
 * completes when the log's group commit has made the record durable.
 */
public final class IngestSequencer implements IngestService, CustomerChanges, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestSequencer.class);
  private static final int MAX_EXTERNAL_ID = 512;

  /** Records per round trip to the shared log; a single batch request may exceed it. */
  private static final int MAX_TRANSACTION = 512;

  /**
   * Refusals in a row before a transaction gives up with 503 (it never happens without a storm).
   */
  private static final int MAX_ROUNDS = 16;

  private static final int CATCH_UP_BATCH = 1000;

  /** Longer than a turn lasts, so a node that died holding it cannot block the others for good. */
  private static final java.time.Duration TURN_WAIT = java.time.Duration.ofSeconds(3);

  private static final long TURN_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  /** Ends the futures of a refused attempt; callers never see it, they see the next attempt's. */
  private static final IllegalStateException SUPERSEDED =
      new IllegalStateException("decided again after the shared log moved on");

  private final Vertx vertx;
  private final InteractionLog log;
  private final TimelineIndex index;
  private final CustomerDirectory customers;
  private final ConversationStore conversations;
  private final IdentityNormalizer normalizer;
  private final CustomerResolver resolver;
  private final DeliveryFailures deliveryFailures;
  private final ThreadingPolicy threading;
  private final ChangeListener listener;
  private final CustomerEnrichment enrichment;
  private final RecentWrites recent = new RecentWrites();
  private final UndoLog memory;
  private final SharedLog shared;
  private final ChangeListener projected;
  private final Transaction transaction = new Transaction();
  private final ThreadPoolExecutor thread =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(),
          r -> new Thread(r, "hub-ingest-sequencer"));

  /** Told about every record once it is durable, in log order. */
  public interface ChangeListener {
    void durable(long seq, ChangeRecord record);
  }

  /** The embedded mode: this node's log is the whole truth. */
  public IngestSequencer(
      Vertx vertx,
      InteractionLog log,
      TimelineIndex index,
      CustomerDirectory customers,
      ConversationStore conversations,
      IdentityNormalizer normalizer,
      ThreadingPolicy threading,
      CustomerEnrichment enrichment,
      ChangeListener listener) {
    this(
        vertx,
        log,
        null,
        index,
        customers,
        conversations,
        normalizer,
        threading,
        enrichment,
        listener,
        null);
  }

  /**
   * Cluster mode when {@code shared} is given: decisions commit to the shared log first, and
   * records other nodes appended reach {@code projected} (never {@code listener}) once this node's
   * log holds them.
   */
  public IngestSequencer(
      Vertx vertx,
      InteractionLog log,
      SharedLog shared,
      TimelineIndex index,
      CustomerDirectory customers,
      ConversationStore conversations,
      IdentityNormalizer normalizer,
      ThreadingPolicy threading,
      CustomerEnrichment enrichment,
      ChangeListener listener,
      ChangeListener projected) {
    this.vertx = vertx;
    this.shared = shared;
    this.projected = projected;
    this.memory = new UndoLog(customers, conversations, recent, shared != null);
    this.log = log;
    this.index = index;
    this.customers = customers;
    this.conversations = conversations;
    this.normalizer = normalizer;
    this.resolver = new CustomerResolver(customers);
    this.deliveryFailures = new DeliveryFailures(customers, normalizer);
    this.threading = threading;
    this.listener = listener;
    this.enrichment = enrichment;
  }

  @Override
  public Future<Accepted> ingest(InboundInteraction interaction) {
    return onSequencer(() -> decide(interaction));
  }

  @Override
  public Future<List<Future<Accepted>>> ingestBatch(List<InboundInteraction> interactions) {
    Context ctx = vertx.getOrCreateContext();
    return onSequencer(
        () -> {
          List<CompletableFuture<Accepted>> each = new ArrayList<>(interactions.size());
          for (InboundInteraction i : interactions) {
            CompletableFuture<Accepted> f;
            try {
              f = decide(i);
            } catch (RuntimeException e) {
              f = CompletableFuture.failedFuture(e);
            }
            each.add(f);
          }
          CompletableFuture<?>[] settled =
              each.stream().map(f -> f.handle((a, e) -> null)).toArray(CompletableFuture[]::new);
          return CompletableFuture.allOf(settled)
              .thenApply(v -> each.stream().map(f -> toVertx(f, ctx)).toList());
        });
  }

  @Override
  public Future<Accepted> update(InteractionUpdate update) {
    return change(
            update.channel(),
            update.externalId(),
            current -> {
              JsonObject extras = current.extras().copy().mergeIn(update.extras());
              String text = update.text() != null ? update.text() : current.text();
              return current.updated(text, extras, update.threadKeys());
            })
        .map(next -> accepted(next, false));
  }

  @Override
  public Future<Interaction> amendExtras(
      Channel channel, String externalId, UnaryOperator<JsonObject> change) {
    return change(
        channel,
        externalId,
        current ->
            current.updated(current.text(), change.apply(current.extras().copy()), List.of()));
  }

  /** Rewrites a stored interaction from its current state, on the sequencer, and appends it. */
  private Future<Interaction> change(
      Channel channel, String externalId, UnaryOperator<Interaction> rewrite) {
    return onSequencer(
        () -> {
          String key = Interaction.dedupeKey(channel, externalId);
          Interaction current =
              lookupByDedupeKey(key)
                  .or(() -> lookupBySentId(channel, externalId))
                  .orElseThrow(
                      () ->
                          HubException.notFound(
                              "no interaction "
                                  + externalId
                                  + " on channel "
                                  + channel.wireName()));
          Interaction next = rewrite.apply(current).withSeq(nextSeq());
          return append(
                  new ChangeRecord(
                      ChangeRecord.Cause.UPDATE,
                      List.of(next),
                      enriched(current, next, List.of()),
                      List.of()),
                  next)
              .thenApply(v -> next);
        });
  }

  @Override
  public Future<Customer> merge(String targetId, String sourceId) {
    return onSequencer(
        () -> {
          Customer target = existingRoot(targetId);
          Customer source = existingRoot(sourceId);
          if (target.id().equals(source.id())) {
            throw HubException.conflict(
                "customers " + targetId + " and " + sourceId + " are already one");
          }
          Customer merged = CustomerResolver.mergedInto(source, target.id());
          return append(
                  new ChangeRecord(ChangeRecord.Cause.MERGE, List.of(), List.of(merged), List.of()),
                  null)
              .thenApply(v -> customers.view(target.id()).orElseThrow());
        });
  }

  @Override
  public Future<Customer> split(String targetId, String sourceId) {
    return onSequencer(
        () -> {
          Customer target = existingRoot(targetId);
          Customer source =
              customers
                  .get(sourceId)
                  .filter(c -> c.mergedInto() != null)
                  .filter(
                      c -> customers.root(c.id()).map(Customer::id).orElse("").equals(target.id()))
                  .orElseThrow(
                      () ->
                          HubException.conflict(
                              "customer " + sourceId + " is not merged into " + targetId));
          Customer restored = CustomerResolver.mergedInto(source, null);
          return append(
                  new ChangeRecord(
                      ChangeRecord.Cause.SPLIT, List.of(), List.of(restored), List.of()),
                  null)
              .thenApply(v -> customers.view(source.id()).orElseThrow());
        });
  }

  @Override
  public Future<Customer> detachIdentity(String customerId, NormalizedIdentity identity) {
    return onSequencer(
        () -> {
          String owner =
              customers
                  .ownerOf(identity)
                  .filter(o -> customers.members(existingRoot(customerId).id()).contains(o))
                  .orElseThrow(
                      () ->
                          HubException.notFound(
                              "customer " + customerId + " has no identity " + identity.key()));
          Customer from = customers.get(owner).orElseThrow();
          Customer without =
              new Customer(
                  from.id(),
                  from.displayName(),
                  from.identities().stream().filter(i -> !i.key().equals(identity.key())).toList(),
                  from.createdAt(),
                  from.mergedInto(),
                  from.attributes());
          Customer created =
              new Customer(Ids.next(), null, List.of(identity), Instant.now(), null, null);
          return append(
                  new ChangeRecord(
                      ChangeRecord.Cause.DETACH, List.of(), List.of(without, created), List.of()),
                  null)
              .thenApply(v -> customers.view(created.id()).orElseThrow());
        });
  }

  @Override
  public Future<Conversation> setConversationStatus(
      String conversationId, ConversationStatus status) {
    return onSequencer(
        () -> {
          Conversation c =
              conversations
                  .get(conversationId)
                  .orElseThrow(() -> HubException.notFound("no conversation " + conversationId));
          Conversation next =
              new Conversation(
                  c.id(),
                  c.customerId(),
                  status,
                  c.channels(),
                  c.subject(),
                  c.createdAt(),
                  c.lastActivityAt(),
                  c.interactionCount());
          return append(
                  new ChangeRecord(ChangeRecord.Cause.STATUS, List.of(), List.of(), List.of(next)),
                  null)
              .thenApply(v -> next);
        });
  }

  /** Decides one interaction; runs on the sequencer thread. */
  private CompletableFuture<Accepted> decide(InboundInteraction in) {
    validate(in);
    String dedupeKey = Interaction.dedupeKey(in.channel(), in.externalId());
    RecentWrites.Pending pending = recent.byDedupeKey(dedupeKey);
    if (pending != null) {
      return pending.durable().thenApply(v -> accepted(pending.interaction(), true));
    }
    var stored = indexLookup(() -> index.interactionByDedupeKey(dedupeKey));
    if (stored.isPresent()) {
      return CompletableFuture.completedFuture(accepted(stored.get(), true));
    }
    List<NormalizedIdentity> ids = in.identities().stream().map(normalizer::normalize).toList();
    Conversation threaded = threadedConversation(in);
    String displayName =
        in.identities().stream()
            .map(Identity::displayName)
            .filter(n -> n != null && !n.isBlank())
            .findFirst()
            .orElse(null);
    CustomerResolver.Resolution who =
        resolver.resolve(
            ids, displayName, in.occurredAt(), threaded == null ? null : threaded.customerId());
    who.changed().forEach(memory::apply);
    Set<String> members = customers.members(who.customerId());
    if (threaded != null && !members.contains(threaded.customerId())) {
      // The thread belongs to somebody else: never put one customer's message into another's
      // conversation.
      threaded = null;
    }
    Conversation conversation =
        threading.place(
            new ThreadingPolicy.Arrival(
                in.channel(),
                in.direction(),
                in.kind(),
                in.automated(),
                in.occurredAt(),
                in.subject()),
            who.customerId(),
            members,
            threaded);
    Instant now = Instant.now();
    Interaction interaction =
        new Interaction(
            Ids.next(),
            nextSeq(),
            in.channel(),
            in.externalId(),
            in.direction(),
            in.kind(),
            in.occurredAt(),
            now,
            who.customerId(),
            conversation.id(),
            ids,
            in.thread().keys(),
            in.subject(),
            in.text(),
            in.html(),
            in.attachments(),
            in.automated(),
            in.extras());
    List<Customer> changed = new ArrayList<>(who.changed());
    deliveryFailures.apply(in).ifPresent(changed::add);
    CompletableFuture<Void> durable =
        append(
            new ChangeRecord(
                ChangeRecord.Cause.INGEST,
                List.of(interaction),
                enriched(null, interaction, changed),
                List.of(conversation)),
            interaction);
    CompletableFuture<Void> bounced =
        bouncedOutbound(in)
            .map(
                sent -> {
                  Interaction failed = BouncedMail.failed(sent, in).withSeq(nextSeq());
                  return append(
                      new ChangeRecord(
                          ChangeRecord.Cause.UPDATE, List.of(failed), List.of(), List.of()),
                      failed);
                })
            .orElse(CompletableFuture.completedFuture(null));
    return durable.thenCombine(bounced, (a, b) -> accepted(interaction, false));
  }

  /** The outbound mail a failed bounce names, as last written. */
  private java.util.Optional<Interaction> bouncedOutbound(InboundInteraction in) {
    return BouncedMail.threadKey(in)
        .flatMap(key -> indexLookup(() -> index.outboundByThreadKey(key)))
        .flatMap(found -> lookupByDedupeKey(found.dedupeKey()));
  }

  @Override
  public <T> Future<T> changeCustomers(Change<T> change) {
    return onSequencer(
        () -> {
          Decision<T> decision = change.decide(customers);
          if (decision.changed().isEmpty()) {
            return CompletableFuture.completedFuture(decision.result());
          }
          return append(
                  new ChangeRecord(
                      ChangeRecord.Cause.ATTRIBUTES, List.of(), decision.changed(), List.of()),
                  null)
              .thenApply(v -> decision.result());
        });
  }

  /**
   * {@code changed} plus the interaction's customer with its derived attributes moved on; the
   * latest snapshot of that customer already in {@code changed} (a new customer) is the one
   * enriched.
   */
  private List<Customer> enriched(Interaction before, Interaction after, List<Customer> changed) {
    Customer owner = null;
    for (Customer c : changed) {
      if (c.id().equals(after.customerId())) {
        owner = c;
      }
    }
    if (owner == null) {
      owner = customers.root(after.customerId()).orElse(null);
    }
    Customer next = owner == null ? null : enrichment.afterInteraction(owner, before, after);
    if (next == null) {
      return changed;
    }
    List<Customer> out = new ArrayList<>(changed);
    out.removeIf(c -> c.id().equals(next.id()));
    out.add(next);
    return out;
  }

  /** The conversation an explicit link or the thread keys point to, if any. */
  private Conversation threadedConversation(InboundInteraction in) {
    if (in.thread().conversationId() != null) {
      Conversation c = conversations.get(in.thread().conversationId()).orElse(null);
      if (c != null) {
        return c;
      }
    }
    List<String> keys = new ArrayList<>(in.thread().keys());
    keys.addAll(in.thread().references());
    if (keys.isEmpty()) {
      return null;
    }
    String id = recent.conversationByThreadKeys(keys);
    if (id == null) {
      id = indexLookup(() -> index.conversationByThreadKeys(keys)).orElse(null);
    }
    return id == null ? null : conversations.get(id).orElse(null);
  }

  /**
   * Applies a decided record to memory, appends it and returns the durability future. Runs on the
   * sequencer thread, so log order is decision order. In cluster mode the record joins the open
   * transaction, which {@link #commit} takes to the shared log first.
   */
  private CompletableFuture<Void> append(ChangeRecord record, Interaction indexedLater) {
    record.customers().forEach(memory::apply);
    record.conversations().forEach(memory::apply);
    CompletableFuture<Void> durable;
    if (shared == null) {
      durable =
          log.append(List.of(record.encode())).thenAccept(first -> listener.durable(first, record));
    } else {
      durable = transaction.add(record);
    }
    if (indexedLater != null) {
      memory.pending(indexedLater, durable);
    }
    recent.evictUpTo(Math.min(index.searchableSeq(), log.nextSeq() - 1));
    return durable;
  }

  /** The sequence number the next decided record gets. */
  private long nextSeq() {
    return log.nextSeq() + transaction.records.size();
  }

  private Customer existingRoot(String id) {
    return customers.root(id).orElseThrow(() -> HubException.notFound("no customer " + id));
  }

  private java.util.Optional<Interaction> lookupByDedupeKey(String key) {
    RecentWrites.Pending p = recent.byDedupeKey(key);
    if (p != null) {
      return java.util.Optional.of(p.interaction());
    }
    return indexLookup(() -> index.interactionByDedupeKey(key));
  }

  /**
   * A message the hub sent is known to its channel by the id the channel gave it, which the reply
   * recorded as the thread key {@code <channel>:<id>}: a delivery status names it that way.
   */
  private java.util.Optional<Interaction> lookupBySentId(Channel channel, String externalId) {
    String threadKey = channel.wireName() + ":" + externalId;
    Interaction pending = recent.interactionByThreadKey(threadKey);
    if (pending != null) {
      return java.util.Optional.of(pending);
    }
    return indexLookup(() -> index.interactionByThreadKey(threadKey))
        .filter(i -> i.channel() == channel);
  }

  private static void validate(InboundInteraction in) {
    if (in.externalId().isBlank()) {
      throw HubException.badRequest("externalId must not be empty");
    }
    if (in.externalId().length() > MAX_EXTERNAL_ID) {
      throw HubException.badRequest("externalId is longer than " + MAX_EXTERNAL_ID + " characters");
    }
  }

  private static Accepted accepted(Interaction i, boolean duplicate) {
    return new Accepted(i.id(), i.customerId(), i.conversationId(), duplicate);
  }

  private interface IndexCall<T> {
    T call() throws IOException;
  }

  private static <T> T indexLookup(IndexCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code work} on the sequencer thread and brings its result back to the caller's Vert.x
   * context.
   */
  private <T> Future<T> onSequencer(Supplier<CompletableFuture<T>> work) {
    Context ctx = vertx.getOrCreateContext();
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      thread.execute(() -> run(new Task<>(work, result)));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(HubException.unavailable("the hub is stopping", 5));
    }
    return toVertx(result, ctx);
  }

  private void run(Task<?> task) {
    task.attempt();
    if (shared == null) {
      task.release();
      return;
    }
    transaction.tasks.add(task);
    // Decisions queued behind this one join the transaction: one round trip to Redis for many.
    if (thread.getQueue().isEmpty() || transaction.records.size() >= MAX_TRANSACTION) {
      commit();
    }
  }

  /**
   * Completes a Vert.x future on {@code ctx} from a CompletableFuture, unwrapping the {@link
   * CompletionException} that dependent stages wrap failures in, so callers see the real cause.
   */
  private static <T> Future<T> toVertx(CompletableFuture<T> f, Context ctx) {
    Promise<T> promise = Promise.promise();
    f.whenComplete(
        (value, error) ->
            ctx.runOnContext(
                v -> {
                  if (error == null) {
                    promise.complete(value);
                  } else {
                    promise.fail(translate(error));
                  }
                }));
    return promise.future();
  }

  /**
   * Bad input stays a client error; a log that cannot write means nothing was acknowledged: 503.
   */
  private static Throwable translate(Throwable t) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException || cause instanceof UncheckedIOException) {
      return HubException.unavailable("the interaction log cannot write: " + cause.getMessage(), 5);
    }
    return cause;
  }

  // ---- cluster mode: the shared log decides which node's decisions stand ----

  /**
   * Records that other nodes appended, as the shared log's follower saw them: applied on the
   * sequencer thread, after whatever this node decided so far is committed.
   */
  public void arrived(List<SharedLog.Entry> entries) {
    if (entries.getLast().seq() < log.nextSeq()) {
      return; // this node's own records, or ones it already caught up with
    }
    try {
      thread.execute(
          () -> {
            commit();
            try {
              applyShared(entries);
            } catch (SharedLog.Unavailable e) {
              // The follower delivers again once Redis is back; the next commit catches up too.
              LOG.warn("Could not catch up with the shared log: {}", e.getMessage());
            }
          });
    } catch (RejectedExecutionException e) {
      // Stopping: a restarted node catches up from its log's end.
    }
  }

  /**
   * Brings this node's log level with the shared log before it serves: copies what other nodes
   * appended, and gives the shared log what only this node holds (a first node that ran alone
   * before, or a Redis that lost data). Blocking.
   */
  public void catchUpNow() {
    CompletableFuture.runAsync(
            () -> {
              long tail = log.nextSeq() - 1;
              long end = shared.appendAt(tail, List.of(), false).end();
              if (end < tail) {
                reseed(end, tail);
              }
              catchUp();
            },
            thread)
        .join();
  }

  /** An undecided piece of work and the caller's future, kept to decide again after a refusal. */
  private static final class Task<T> {
    private final Supplier<CompletableFuture<T>> work;
    private final CompletableFuture<T> result;
    private CompletableFuture<T> outcome;

    Task(Supplier<CompletableFuture<T>> work, CompletableFuture<T> result) {
      this.work = work;
      this.result = result;
    }

    void attempt() {
      try {
        outcome = work.get();
      } catch (RuntimeException e) {
        outcome = CompletableFuture.failedFuture(e);
      }
    }

    /** Lets the caller see this attempt's outcome (when it completes, for durable ones). */
    void release() {
      outcome.whenComplete(
          (value, error) -> {
            if (error == null) {
              result.complete(value);
            } else {
              result.completeExceptionally(error);
            }
          });
    }

    void fail(Throwable error) {
      result.completeExceptionally(error);
    }
  }

  private record Decided(ChangeRecord record, byte[] bytes, CompletableFuture<Void> durable) {}

  /** What this node decided since its last commit, in decision order. Sequencer thread only. */
  private static final class Transaction {
    private final List<Task<?>> tasks = new ArrayList<>();
    private final List<Decided> records = new ArrayList<>();

    CompletableFuture<Void> add(ChangeRecord record) {
      CompletableFuture<Void> durable = new CompletableFuture<>();
      records.add(new Decided(record, record.encode(), durable));
      return durable;
    }
  }

  /**
   * Takes the open transaction to the shared log at this node's tail. Refused (another node
   * appended first): take the decisions back, catch up, decide again. Redis unreachable: take them
   * back and answer 503; nothing was acknowledged.
   */
  private void commit() {
    for (int round = 1; ; round++) {
      if (transaction.records.isEmpty()) {
        if (round > 2) {
          releaseTurn();
        }
        memory.forget();
        transaction.tasks.forEach(Task::release);
        transaction.tasks.clear();
        return;
      }
      long tail = log.nextSeq() - 1;
      SharedLog.Append append;
      try {
        append = appendWaitingForTurn(tail, round > 1);
      } catch (SharedLog.Unavailable e) {
        abandon(
            HubException.unavailable(
                "the cluster's shared log (Redis) cannot be reached; nothing was stored", 1));
        return;
      }
      if (append.outcome() == SharedLog.Outcome.APPENDED) {
        memory.forget();
        writeLocally(List.copyOf(transaction.records));
        transaction.records.clear();
        transaction.tasks.forEach(Task::release);
        transaction.tasks.clear();
        return;
      }
      List<Task<?>> again = List.copyOf(transaction.tasks);
      takeBack();
      try {
        if (append.end() < tail) {
          reseed(append.end(), tail);
        }
        catchUp();
      } catch (SharedLog.Unavailable e) {
        again.forEach(
            t -> t.fail(HubException.unavailable("the cluster's shared log cannot be read", 1)));
        return;
      }
      if (round >= MAX_ROUNDS) {
        again.forEach(
            t ->
                t.fail(
                    HubException.unavailable(
                        "other nodes kept deciding first; nothing was stored", 1)));
        return;
      }
      for (Task<?> t : again) {
        t.attempt();
        transaction.tasks.add(t);
      }
    }
  }

  /** Gives up a turn this node may hold, when deciding again left nothing to append. */
  private void releaseTurn() {
    try {
      shared.appendAt(log.nextSeq() - 1, List.of(), false);
    } catch (SharedLog.Unavailable e) {
      // The turn expires by itself.
    }
  }

  /**
   * Appends the open transaction; while another node holds the turn, tries again shortly (the turn
   * lasts one append of that node, at most {@link #TURN_WAIT}). A refused node claims the turn for
   * its next round, so big transactions are not starved by a stream of small ones.
   */
  private SharedLog.Append appendWaitingForTurn(long tail, boolean claimTurn) {
    List<byte[]> bytes = transaction.records.stream().map(Decided::bytes).toList();
    long deadline = System.nanoTime() + TURN_WAIT.toNanos();
    while (true) {
      SharedLog.Append append = shared.appendAt(tail, bytes, claimTurn);
      if (append.outcome() != SharedLog.Outcome.OTHERS_TURN || System.nanoTime() > deadline) {
        return append;
      }
      LockSupport.parkNanos(TURN_POLL_NANOS);
    }
  }

  /** Undoes the open transaction in memory; its attempts' futures end unseen by callers. */
  private void takeBack() {
    memory.rollback();
    transaction.records.forEach(d -> d.durable().completeExceptionally(SUPERSEDED));
    transaction.records.clear();
    transaction.tasks.clear();
  }

  private void abandon(HubException why) {
    List<Task<?>> failed = List.copyOf(transaction.tasks);
    takeBack();
    failed.forEach(t -> t.fail(why));
  }

  /** Appends records the shared log took to this node's log; callers hear once it is durable. */
  private void writeLocally(List<Decided> decided) {
    long expected = log.nextSeq();
    log.append(decided.stream().map(Decided::bytes).toList())
        .whenComplete(
            (first, error) -> {
              if (error == null && first != expected) {
                error = new IllegalStateException("log order broken at " + first);
              }
              for (int i = 0; i < decided.size(); i++) {
                Decided d = decided.get(i);
                if (error == null) {
                  listener.durable(first + i, d.record());
                  d.durable().complete(null);
                } else {
                  d.durable().completeExceptionally(error);
                }
              }
            });
  }

  /** Copies every record the shared log has beyond this node's log. */
  private void catchUp() {
    while (true) {
      List<SharedLog.Entry> entries = shared.readAfter(log.nextSeq() - 1, CATCH_UP_BATCH);
      if (entries.isEmpty()) {
        return;
      }
      applyShared(entries);
    }
  }

  /** Applies shared-log records to memory and this node's log, skipping those it already has. */
  private void applyShared(List<SharedLog.Entry> entries) {
    for (SharedLog.Entry e : entries) {
      long next = log.nextSeq();
      if (e.seq() < next) {
        continue;
      }
      if (e.seq() > next) {
        catchUp();
        return;
      }
      ChangeRecord record = ChangeRecord.decode(e.record());
      record.customers().forEach(customers::apply);
      record.conversations().forEach(conversations::apply);
      CompletableFuture<Void> durable =
          log.append(List.of(e.record())).thenAccept(seq -> projected.durable(seq, record));
      record.interactions().forEach(i -> recent.put(i, durable));
    }
    recent.evictUpTo(Math.min(index.searchableSeq(), log.nextSeq() - 1));
  }

  /**
   * Gives the shared log this node's records after {@code end} up to {@code tail}, in order.
   * Another node seeding at the same time holds the same records (every log is a replica of one
   * order), so whichever append lands is right, and a refused one stops here.
   */
  private void reseed(long end, long tail) {
    LOG.warn(
        "The shared log ends at {} but this node holds records up to {}: giving it the missing ones",
        end,
        tail);
    List<byte[]> chunk = new ArrayList<>();
    long[] at = {end};
    try {
      log.replay(
          end + 1,
          (seq, bytes) -> {
            if (seq <= tail) {
              chunk.add(bytes);
            }
            if (chunk.size() >= CATCH_UP_BATCH || (seq == tail && !chunk.isEmpty())) {
              if (shared.appendAt(at[0], chunk, false).outcome() != SharedLog.Outcome.APPENDED) {
                throw new ReseedStopped();
              }
              at[0] += chunk.size();
              chunk.clear();
            }
          });
    } catch (ReseedStopped e) {
      // Another node is seeding the same records.
    } catch (IOException e) {
      throw new SharedLog.Unavailable(
          "the shared log lost records this node can no longer read (" + e.getMessage() + ")", e);
    }
  }

  /** Ends a reseed that found the shared log moved on. */
  private static final class ReseedStopped extends RuntimeException {
    ReseedStopped() {
      super(null, null, false, false);
    }
  }

  /** Stops taking work and waits for decisions under way, so none appends after the log closes. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
