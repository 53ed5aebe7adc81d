package io.contacthub.hub.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Timeline page latency ({@code GET /api/v1/customers/{id}/timeline}, {@value #LIMIT} items): the
 * heavy customer's first page again and again, then its whole timeline page by page through the
 * cursors (deep pages), then every page of the sampled typical customers. One request at a time,
 * after warm-up passes ({@link JitWarmUp}).
 */
final class TimelinePhase {

  static final int LIMIT = 50;
  static final int FIRST_PAGE_REPEATS = 200;

  /** A cursor's page takes another path (a time range) than a first page. */
  private static final int WARM_UP_DEEP_PAGES = 100;

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

  /** The warm-up pass: the first pages of everyone, and deep pages by cursor. */
  static void pass(HubClient hub, SampledCustomers sampled, Latencies into) {
    String cursor = page(hub, sampled.heavy(), null, into).getString("nextCursor");
    for (int i = 0; i < WARM_UP_DEEP_PAGES && cursor != null; i++) {
      cursor = page(hub, sampled.heavy(), cursor, into).getString("nextCursor");
    }
    sampled.typical().forEach(c -> page(hub, sampled.hubId(c), null, into));
  }

  static Result run(HubClient hub, SampledCustomers sampled) {
    String heavy = sampled.heavy();
    List<Integer> typical = sampled.typical();
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
