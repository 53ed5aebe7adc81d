package io.contacthub.hub.offers.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.util.BytesRef;

/**
 * Matches one message against every rule's text query: the percolator idea. Queries are parsed once
 * when the rules load; per message one {@link MemoryIndex} holds the text, its terms select the
 * candidate rules (those sharing a term, plus the few that need no term), and only those queries
 * run. Thread-safe: a matcher is immutable, the index is per call.
 */
public final class RuleMatcher {

  private final List<RuleQuery> queries;
  private final Map<String, int[]> rulesByTerm;
  private final int[] alwaysCandidates;

  private RuleMatcher(List<RuleQuery> queries) {
    this.queries = queries;
    Map<String, List<Integer>> byTerm = new HashMap<>();
    List<Integer> always = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      RuleQuery q = queries.get(i);
      if (q == null) {
        continue;
      }
      if (q.alwaysCandidate()) {
        always.add(i);
      }
      for (String t : q.terms()) {
        byTerm.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
      }
    }
    this.rulesByTerm = new HashMap<>();
    byTerm.forEach((t, l) -> rulesByTerm.put(t, l.stream().mapToInt(Integer::intValue).toArray()));
    this.alwaysCandidates = always.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Compiles the text conditions, one per rule position; null means the rule has none (and is never
   * reported by {@link #match}).
   *
   * @throws InvalidQueryException naming the first position whose query does not parse
   */
  public static RuleMatcher compile(List<String> texts) {
    List<RuleQuery> parsed = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      try {
        parsed.add(t == null ? null : RuleQuery.parse(t));
      } catch (IllegalArgumentException e) {
        throw new InvalidQueryException(i, e.getMessage());
      }
    }
    return new RuleMatcher(parsed);
  }

  /** Checks one query's syntax; the message of the exception says what is wrong. */
  public static void validate(String text) {
    RuleQuery.parse(text);
  }

  /** The positions of the rules whose query matches {@code text}. */
  public BitSet match(String text) {
    BitSet out = new BitSet(queries.size());
    if (text == null || text.isBlank()) {
      return out;
    }
    MemoryIndex index = index(text);
    BitSet candidates = new BitSet(queries.size());
    for (int i : alwaysCandidates) {
      candidates.set(i);
    }
    forEachTerm(
        index,
        t -> {
          int[] rules = rulesByTerm.get(t);
          if (rules != null) {
            for (int i : rules) {
              candidates.set(i);
            }
          }
        });
    for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
      if (index.search(queries.get(i).query()) > 0) {
        out.set(i);
      }
    }
    return out;
  }

  /** The baseline without the pre-filter: every query runs against the message. */
  public BitSet matchEveryQuery(String text) {
    BitSet out = new BitSet(queries.size());
    if (text == null || text.isBlank()) {
      return out;
    }
    MemoryIndex index = index(text);
    for (int i = 0; i < queries.size(); i++) {
      RuleQuery q = queries.get(i);
      if (q != null && index.search(q.query()) > 0) {
        out.set(i);
      }
    }
    return out;
  }

  public int size() {
    return queries.size();
  }

  private static MemoryIndex index(String text) {
    MemoryIndex index = new MemoryIndex();
    index.addField(RuleQuery.FIELD, text, RuleQuery.analyzer());
    return index;
  }

  private static void forEachTerm(MemoryIndex index, java.util.function.Consumer<String> each) {
    try {
      LeafReader reader =
          (LeafReader) index.createSearcher().getIndexReader().leaves().get(0).reader();
      Terms terms = reader.terms(RuleQuery.FIELD);
      if (terms == null) {
        return;
      }
      TermsEnum it = terms.iterator();
      for (BytesRef t = it.next(); t != null; t = it.next()) {
        each.accept(t.utf8ToString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("an in-memory index cannot fail to read", e);
    }
  }

  /** A rule's query that does not parse. */
  public static final class InvalidQueryException extends IllegalArgumentException {
    private final int position;

    InvalidQueryException(int position, String message) {
      super(message);
      this.position = position;
    }

    public int position() {
      return position;
    }
  }
}
