package io.contacthub.hub.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Search latency over a fixed set of 1-3 word queries (every search also counts the channel
 * facets), half of them with a filter: a channel, a typical customer, the heavy customer, or time
 * order instead of relevance. One search at a time, after warm-up passes ({@link JitWarmUp}).
 */
final class SearchPhase {

  static final int QUERIES = 100;
  static final int LIMIT = 20;

  /** A query's parameters, and its kinds (word count, filter) for the breakdown. */
  record Query(String words, String filter, Map<String, String> params) {}

  /** Latency overall and per kind, and the mean number of matches. */
  record Result(Latencies all, Map<String, Latencies> byKind, double meanTotal) {}

  private SearchPhase() {}

  static List<Query> queries(Vocabulary words, long seed, SampledCustomers sampled) {
    Random r = new Random(seed + 1);
    List<Integer> typical = sampled.typical();
    List<Query> out = new ArrayList<>();
    for (int q = 0; q < QUERIES; q++) {
      Map<String, String> params = new LinkedHashMap<>();
      int n = 1 + r.nextInt(3);
      List<String> terms = new ArrayList<>();
      for (int w = 0; w < n; w++) {
        terms.add(r.nextInt(5) == 0 ? words.tailWord(r, 0, 3_000) : words.domainWord(r));
      }
      params.put("q", String.join(" ", terms));
      params.put("limit", Integer.toString(LIMIT));
      String filter =
          switch (r.nextInt(10)) {
            case 0, 1 -> {
              params.put("channel", r.nextBoolean() ? "email" : "whatsapp");
              yield "channel";
            }
            case 2, 3 -> {
              params.put("customerId", sampled.hubId(typical.get(r.nextInt(typical.size()))));
              yield "typical customer";
            }
            case 4 -> {
              params.put("customerId", sampled.heavy());
              yield "heavy customer";
            }
            case 5 -> {
              params.put("sort", "time");
              yield "time order";
            }
            default -> "no filter";
          };
      out.add(new Query(n + (n > 1 ? " words" : " word"), filter, params));
    }
    return out;
  }

  /** Every query once: the warm-up pass. */
  static void pass(HubClient hub, List<Query> queries, Latencies into) {
    for (Query q : queries) {
      long begin = System.nanoTime();
      Await.result(hub.search(q.params()));
      into.record(System.nanoTime() - begin);
    }
  }

  static Result run(HubClient hub, List<Query> queries, int rounds) {
    Latencies all = new Latencies();
    Map<String, Latencies> byKind = new TreeMap<>();
    long totals = 0;
    for (int round = 0; round < rounds; round++) {
      for (Query q : queries) {
        long begin = System.nanoTime();
        JsonObject result = Await.result(hub.search(q.params()));
        long nanos = System.nanoTime() - begin;
        all.record(nanos);
        byKind.computeIfAbsent(q.words(), k -> new Latencies()).record(nanos);
        byKind.computeIfAbsent(q.filter(), k -> new Latencies()).record(nanos);
        totals += result.getLong("total");
      }
    }
    return new Result(all, byKind, (double) totals / ((long) rounds * queries.size()));
  }
}
