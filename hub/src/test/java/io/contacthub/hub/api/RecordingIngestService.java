package io.contacthub.hub.api;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.NormalizedIdentity;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory stand-in for the hub core, for tests of the API layer only: records what it is given
 * and answers like the real service (idempotent on channel and external id).
 */
public final class RecordingIngestService implements IngestService {

  /** An external id that makes {@link #ingestBatch} refuse the whole batch, like a bad item. */
  public static final String POISON = "poison";

  public final List<InboundInteraction> ingested = new CopyOnWriteArrayList<>();
  public final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final Map<String, Accepted> byKey = new ConcurrentHashMap<>();
  private volatile HubException failure;

  /** Makes every later call fail with {@code e} (null: succeed again). */
  public void failWith(HubException e) {
    failure = e;
  }

  @Override
  public Future<Accepted> ingest(InboundInteraction i) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (POISON.equals(i.externalId())) {
      return Future.failedFuture(
          HubException.badRequest("identities[0].value: not a phone number"));
    }
    return Future.succeededFuture(store(i));
  }

  @Override
  public Future<List<Future<Accepted>>> ingestBatch(List<InboundInteraction> items) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    batchSizes.add(items.size());
    List<Future<Accepted>> out = new ArrayList<>();
    items.forEach(i -> out.add(ingest(i)));
    return Future.succeededFuture(out);
  }

  private Accepted store(InboundInteraction i) {
    String key = i.channel().wireName() + ":" + i.externalId();
    Accepted seen = byKey.get(key);
    if (seen != null) {
      return new Accepted(seen.interactionId(), seen.customerId(), seen.conversationId(), true);
    }
    ingested.add(i);
    int n = byKey.size() + 1;
    Accepted accepted = new Accepted("i-" + n, "c-" + n, "v-" + n, false);
    byKey.put(key, accepted);
    return accepted;
  }

  @Override
  public Future<Accepted> update(InteractionUpdate update) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<io.contacthub.hub.model.Interaction> amendExtras(
      io.contacthub.connector.Channel channel,
      String externalId,
      java.util.function.UnaryOperator<io.vertx.core.json.JsonObject> change) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<Customer> merge(String targetId, String sourceId) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    return Future.succeededFuture(customer(targetId, null));
  }

  @Override
  public Future<Customer> split(String targetId, String sourceId) {
    return Future.succeededFuture(customer(sourceId, null));
  }

  @Override
  public Future<Customer> detachIdentity(String customerId, NormalizedIdentity identity) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<Conversation> setConversationStatus(String id, ConversationStatus status) {
    if (!id.startsWith("v-")) {
      return Future.failedFuture(HubException.notFound("no conversation " + id));
    }
    return Future.succeededFuture(
        new Conversation(id, "c-1", status, Set.of(), "Order", Instant.EPOCH, Instant.EPOCH, 1));
  }

  static Customer customer(String id, String mergedInto) {
    return new Customer(id, "Ada", List.of(), Instant.EPOCH, mergedInto, null);
  }
}
