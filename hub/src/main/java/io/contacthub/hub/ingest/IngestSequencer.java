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
import io.contacthub.hub.model.ServiceThreads;
import io.contacthub.hub.timeline.TimelineIndex;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The single writer. Every change is decided on one thread, in order, against the current state: so
 * two messages from a new customer can never create two customers, and the log order is the
 * decision order. The thread never waits for disk: it appends the records decided while work was
 * queued as one group ({@link AppendGroup}) and moves on; the caller's future completes when the
 * log's group commit has made the record durable.
 */
public final class IngestSequencer implements IngestService, CustomerChanges, AutoCloseable {

  private static final int MAX_EXTERNAL_ID = 512;

  /** Records after which a group is appended although more work is queued: bounds the wait. */
  private static final int MAX_GROUP = 1024;

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
  private final IndexRoom indexRoom;

  /** Cluster mode's side of the sequencer; null in the embedded mode. */
  private final SharedLogCommitter cluster;

  /** Embedded mode's records decided and not yet appended; null in cluster mode. */
  private final AppendGroup group;

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

  /**
   * Holds decisions back while the index is too far behind the log: acknowledgements then come at
   * the rate the index keeps up with, so a flood can neither outrun search nor fill the heap.
   */
  public interface IndexRoom {
    boolean full();

    /** Returns once there is room again (or indexing has stopped). */
    void await() throws InterruptedException;
  }

  /**
   * Without {@code shared} (embedded mode), this node's log is the whole truth. Cluster mode when
   * {@code shared} is given: decisions commit to the shared log first, and records other nodes
   * appended reach {@code projected} (never {@code listener}) once this node's log holds them.
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
      ChangeListener projected,
      IndexRoom indexRoom) {
    this.vertx = vertx;
    this.indexRoom = indexRoom;
    this.memory = new UndoLog(customers, conversations, recent, shared != null);
    this.cluster =
        shared == null
            ? null
            : new SharedLogCommitter(
                shared,
                log,
                index,
                customers,
                conversations,
                recent,
                memory,
                listener,
                projected,
                thread);
    this.group = shared == null ? new AppendGroup(log, listener) : null;
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
          return appendCustomers(ChangeRecord.Cause.MERGE, List.of(merged), target.id());
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
          return appendCustomers(ChangeRecord.Cause.SPLIT, List.of(restored), source.id());
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
          return appendCustomers(
              ChangeRecord.Cause.DETACH, List.of(without, created), created.id());
        });
  }

  /** Appends a change of customers only; then the customer {@code shownId} as it reads now. */
  private CompletableFuture<Customer> appendCustomers(
      ChangeRecord.Cause cause, List<Customer> changed, String shownId) {
    return append(new ChangeRecord(cause, List.of(), changed, List.of()), null)
        .thenApply(v -> customers.view(shownId).orElseThrow());
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
   * transaction, which {@link SharedLogCommitter} takes to the shared log first.
   */
  private CompletableFuture<Void> append(ChangeRecord record, Interaction indexedLater) {
    record.customers().forEach(memory::apply);
    record.conversations().forEach(memory::apply);
    CompletableFuture<Void> durable;
    if (cluster == null) {
      durable = group.add(record);
    } else {
      durable = cluster.add(record);
    }
    if (indexedLater != null) {
      memory.pending(indexedLater, durable);
    }
    recent.evictUpTo(Math.min(index.searchableSeq(), log.nextSeq() - 1));
    return durable;
  }

  /** The sequence number the next decided record gets. */
  private long nextSeq() {
    return log.nextSeq() + (cluster == null ? group.size() : cluster.pending());
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
      thread.execute(() -> run(new SequencerTask<>(work, result)));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(HubException.unavailable("the hub is stopping", 5));
    }
    return toVertx(result, ctx);
  }

  private void run(SequencerTask<?> task) {
    task.attempt();
    boolean indexFull = indexRoom.full();
    if (cluster == null) {
      // Nothing decided waits unappended while the sequencer waits for the index.
      if (thread.getQueue().isEmpty() || group.size() >= MAX_GROUP || indexFull) {
        group.append();
      }
      task.release();
    } else {
      // Decisions queued behind this one join the transaction: one round trip to Redis for many.
      cluster.decided(task, thread.getQueue().isEmpty());
    }
    if (indexFull) {
      try {
        indexRoom.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static <T> Future<T> toVertx(CompletableFuture<T> f, Context ctx) {
    return ServiceThreads.onContext(f, ctx, "the interaction log");
  }

  /** Records other nodes appended, as the shared log's follower saw them (cluster mode). */
  public void arrived(List<SharedLog.Entry> entries) {
    cluster.arrived(entries);
  }

  /** Brings this node's log level with the shared log before it serves (cluster mode). Blocking. */
  public void catchUpNow() {
    cluster.catchUpNow();
  }

  /** Stops taking work and waits for decisions under way, so none appends after the log closes. */
  @Override
  public void close() {
    ServiceThreads.stop(thread);
  }
}
