package io.contacthub.hub.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Timeline page latency ({@code GET /api/v1/customers/{id}/timeline}, {@value #LIMIT} items): the
 * heavy customer's first page again and again, then its whole timeline page by page through the
 * cursors (deep pages), then every page of the sampled typical customers. One request at a time,
 * after warm-up passes ({@link JitWarmUp}). Each measured page's send time (epoch milliseconds) and
 * latency (milliseconds) go to a log, a line each, as the open loop's do, so that {@link
 * SlowRequestCauses} can lay the slow pages next to what happened meanwhile.
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
    StringBuilder unlogged = new StringBuilder();
    String cursor = page(hub, sampled.heavy(), null, into, unlogged).getString("nextCursor");
    for (int i = 0; i < WARM_UP_DEEP_PAGES && cursor != null; i++) {
      cursor = page(hub, sampled.heavy(), cursor, into, unlogged).getString("nextCursor");
    }
    sampled.typical().forEach(c -> page(hub, sampled.hubId(c), null, into, unlogged));
  }

  static Result run(HubClient hub, SampledCustomers sampled, Path latencyLog) throws IOException {
    String heavy = sampled.heavy();
    List<Integer> typical = sampled.typical();
    StringBuilder log = new StringBuilder();
    Latencies heavyFirst = new Latencies();
    for (int i = 0; i < FIRST_PAGE_REPEATS; i++) {
      page(hub, heavy, null, heavyFirst, log);
    }
    Latencies heavyDeep = new Latencies();
    JsonObject first = Await.result(hub.timeline(heavy, null, LIMIT));
    long heavyItems = first.getJsonArray("items").size();
    String cursor = first.getString("nextCursor");
    while (cursor != null) {
      JsonObject page = page(hub, heavy, cursor, heavyDeep, log);
      heavyItems += page.getJsonArray("items").size();
      cursor = page.getString("nextCursor");
    }
    Latencies typicalPages = new Latencies();
    for (int c : typical) {
      String next = null;
      do {
        next = page(hub, sampled.hubId(c), next, typicalPages, log).getString("nextCursor");
      } while (next != null);
    }
    Files.writeString(latencyLog, log);
    // The walk must cover what a search finds for the customer: a check on paging and on merges.
    long total =
        Await.result(hub.search(Map.of("customerId", heavy, "limit", "1"))).getLong("total");
    return new Result(heavyFirst, heavyDeep, typicalPages, heavyItems, total);
  }

  private static JsonObject page(
      HubClient hub, String customer, String cursor, Latencies into, StringBuilder log) {
    long sent = System.currentTimeMillis();
    long begin = System.nanoTime();
    JsonObject page = Await.result(hub.timeline(customer, cursor, LIMIT));
    long took = System.nanoTime() - begin;
    into.record(took);
    SlowRequestCauses.logLine(log, sent, took);
    return page;
  }
}
