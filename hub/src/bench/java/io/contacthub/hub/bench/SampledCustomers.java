package io.contacthub.hub.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's customer ids of the customers the read phases use: the heavy one (corpus index 0) and
 * about {@value #TYPICAL} typical ones, learnt from the ingest acknowledgements.
 */
final class SampledCustomers {

  static final int TYPICAL = 500;

  private final int step;
  private final Map<Integer, String> hubIds = new ConcurrentHashMap<>();

  SampledCustomers(int customers) {
    this.step = Math.max(1, (customers - 1) / TYPICAL);
  }

  boolean tracked(int corpusIndex) {
    return corpusIndex == 0 || (corpusIndex - 1) % step == 0;
  }

  /** Notes the customer an acknowledgement names, if the line's customer is tracked. */
  void acknowledged(int corpusIndex, JsonObject accepted) {
    if (tracked(corpusIndex)) {
      hubIds.putIfAbsent(corpusIndex, accepted.getString("customerId"));
    }
  }

  String heavy() {
    String id = hubIds.get(0);
    if (id == null) {
      throw new IllegalStateException("the heavy customer was never acknowledged");
    }
    return id;
  }

  /** Corpus indexes of the typical customers seen, in index order. */
  List<Integer> typical() {
    List<Integer> out = new ArrayList<>(hubIds.keySet());
    out.remove(Integer.valueOf(0));
    out.sort(null);
    return out;
  }

  String hubId(int corpusIndex) {
    return hubIds.get(corpusIndex);
  }
}
