package io.contacthub.hub.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Time to searchable: an interaction carrying a word found nowhere else is ingested, then searched
 * for every {@value #POLL_MILLIS} ms until a search finds it. Measured from the send, so it
 * includes the acknowledgement, indexing and the refresh.
 */
final class SearchablePhase {

  static final int POLL_MILLIS = 5;
  static final Duration GIVE_UP = Duration.ofSeconds(10);

  private SearchablePhase() {}

  /**
   * From the send, and from the acknowledgement (indexing and refresh alone), to found; and how
   * long the search that found it took, which the figures include (the probe learns only when its
   * answer comes).
   */
  record Result(Latencies fromSend, Latencies fromAck, Latencies findingSearch) {}

  /**
   * @param customers customers with an email address; the probes are theirs
   */
  static Result run(HubClient hub, List<CustomerIdentities> customers, int samples, int parallel)
      throws Exception {
    return run(hub, hub, customers, 0, samples, parallel);
  }

  /**
   * Probes ingested through {@code ingestTo} and searched for on {@code searchOn} (another node of
   * a cluster, say), numbered from {@code firstProbe} so that runs against one hub do not collide.
   */
  static Result run(
      HubClient ingestTo,
      HubClient searchOn,
      List<CustomerIdentities> customers,
      int firstProbe,
      int samples,
      int parallel)
      throws Exception {
    Result result = new Result(new Latencies(), new Latencies(), new Latencies());
    AtomicInteger next = new AtomicInteger(firstProbe);
    ExecutorService probers = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < parallel; t++) {
        running.add(
            probers.submit(
                () -> {
                  for (int p; (p = next.getAndIncrement()) < firstProbe + samples; ) {
                    probe(ingestTo, searchOn, customers.get(p % customers.size()), p, result);
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      probers.shutdownNow();
    }
    return result;
  }

  /** Sends one probe and records how long until a search returns it. */
  private static void probe(
      HubClient ingestTo, HubClient searchOn, CustomerIdentities who, int p, Result into)
      throws InterruptedException {
    String word = "probe" + p + "zq";
    JsonObject interaction =
        new JsonObject()
            .put("channel", "email")
            .put("externalId", "probe-" + p)
            .put("direction", "inbound")
            .put("occurredAt", Instant.now().toString())
            .put(
                "identities",
                new JsonArray().add(CustomerIdentities.identity("email", who.email(), false)))
            .put("subject", "Still waiting")
            .put("text", "Any news about " + word + " please?");
    long begin = System.nanoTime();
    HubClient.expect(Await.result(ingestTo.ingest(Buffer.buffer(interaction.encode()))), 201);
    long acknowledged = System.nanoTime();
    long deadline = begin + GIVE_UP.toNanos();
    while (System.nanoTime() < deadline) {
      long asked = System.nanoTime();
      JsonObject answer = Await.result(searchOn.search(Map.of("q", word, "limit", "1")));
      if (answer.getLong("total", 0L) > 0) {
        long found = System.nanoTime();
        into.fromSend().record(found - begin);
        into.fromAck().record(found - acknowledged);
        into.findingSearch().record(found - asked);
        return;
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
    into.fromSend().record(GIVE_UP.toNanos());
    into.fromAck().record(GIVE_UP.toNanos());
  }
}
