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
   * @param customers customers with an email address; the probes are theirs
   */
  static Latencies run(HubClient hub, List<CustomerIdentities> customers, int samples, int parallel)
      throws Exception {
    Latencies latencies = new Latencies();
    AtomicInteger next = new AtomicInteger();
    ExecutorService probers = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < parallel; t++) {
        running.add(
            probers.submit(
                () -> {
                  for (int p; (p = next.getAndIncrement()) < samples; ) {
                    latencies.record(probe(hub, customers.get(p % customers.size()), p));
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
    return latencies;
  }

  /** Nanoseconds from sending the probe until a search returns it. */
  private static long probe(HubClient hub, CustomerIdentities who, int p)
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
    HubClient.expect(Await.result(hub.ingest(Buffer.buffer(interaction.encode()))), 201);
    long deadline = begin + GIVE_UP.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject found = Await.result(hub.search(Map.of("q", word, "limit", "1")));
      if (found.getLong("total", 0L) > 0) {
        return System.nanoTime() - begin;
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
    return GIVE_UP.toNanos();
  }
}
