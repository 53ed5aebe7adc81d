package io.contacthub.hub.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Timeline page latency ({@code GET /api/v1/customers/{id}/timeline}, {@value #LIMIT} items): the
 * heavy customer's first page again and again, then its whole timeline page by page through the
 * cursors (deep pages), then every page of the sampled typical customers. One request at a time.
 */
final class TimelinePhase {

  static final int LIMIT = 50;
  static final int FIRST_PAGE_REPEATS = 200;

  /** Latencies per kind of page, and how many items the heavy walk went through. */
  record Result(
      Latencies heavyFirst,
      Latencies heavyDeep,
      Latencies typical,
      long heavyItems,
      long heavySearchTotal) {
    Latencies all() {
      Latencies all = new Latencies();
      all.addAll(heavyFirst);
      all.addAll(heavyDeep);
      all.addAll(typical);
      return all;
    }
  }

  private TimelinePhase() {}

  static Result run(HubClient hub, SampledCustomers sampled) {
    String heavy = sampled.heavy();
    List<Integer> typical = sampled.typical();
    // Warm-up: the first pages of everyone once.
    Await.result(hub.timeline(heavy, null, LIMIT));
    typical.forEach(c -> Await.result(hub.timeline(sampled.hubId(c), null, LIMIT)));

    Latencies heavyFirst = new Latencies();
    for (int i = 0; i < FIRST_PAGE_REPEATS; i++) {
      page(hub, heavy, null, heavyFirst);
    }
    Latencies heavyDeep = new Latencies();
    JsonObject first = Await.result(hub.timeline(heavy, null, LIMIT));
    long heavyItems = first.getJsonArray("items").size();
    String cursor = first.getString("nextCursor");
    while (cursor != null) {
      JsonObject page = page(hub, heavy, cursor, heavyDeep);
      heavyItems += page.getJsonArray("items").size();
      cursor = page.getString("nextCursor");
    }
    Latencies typicalPages = new Latencies();
    for (int c : typical) {
      String next = null;
      do {
        next = page(hub, sampled.hubId(c), next, typicalPages).getString("nextCursor");
      } while (next != null);
    }
    // The walk must cover what a search finds for the customer: a check on paging and on merges.
    long total =
        Await.result(hub.search(Map.of("customerId", heavy, "limit", "1"))).getLong("total");
    return new Result(heavyFirst, heavyDeep, typicalPages, heavyItems, total);
  }

  private static JsonObject page(HubClient hub, String customer, String cursor, Latencies into) {
    long begin = System.nanoTime();
    JsonObject page = Await.result(hub.timeline(customer, cursor, LIMIT));
    into.record(System.nanoTime() - begin);
    return page;
  }
}
