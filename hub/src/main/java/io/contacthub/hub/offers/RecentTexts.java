package io.contacthub.hub.offers;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few inbound messages of recently active customers, noted as soon as they are durable. A
 * screen-pop's history comes from the index, which may not have the message the customer sent a
 * moment before calling (the index refreshes every ~100 ms); this fills that gap. Bounded: a few
 * messages for each of the most recently active customers.
 */
final class RecentTexts {

  /** One inbound message. */
  record Text(String interactionId, Instant at, String text) {}

  private static final int PER_CUSTOMER = 10;
  private static final int CUSTOMERS = 20_000;

  private final Map<String, Deque<Text>> byCustomer =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Text>> eldest) {
          return size() > CUSTOMERS;
        }
      };

  synchronized void add(String customerId, Text text) {
    Deque<Text> texts = byCustomer.computeIfAbsent(customerId, k -> new ArrayDeque<>());
    texts.addLast(text);
    if (texts.size() > PER_CUSTOMER) {
      texts.removeFirst();
    }
  }

  synchronized List<Text> of(String customerId) {
    Deque<Text> texts = byCustomer.get(customerId);
    return texts == null ? List.of() : List.copyOf(texts);
  }
}
