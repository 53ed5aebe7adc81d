package io.contacthub.hub.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.bloom.FuzzySet;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Which values of one keyword field (dedupe keys, thread keys) the index may hold: a Bloom filter
 * that answers "certainly not" without touching Lucene.
 *
 * <p>Almost every ingest carries a new dedupe key and new thread keys, and a term lookup misses in
 * each of the index's dozens of near-real-time segments; that was 40% of the sequencer's time. Here
 * a miss costs one hash. The filter grows by adding a set twice the size of the last when the last
 * is full (a scalable Bloom filter), so the false-positive rate stays near {@link #FPP} whatever
 * the index size, and a false positive only costs the Lucene lookup we would have done.
 *
 * <p>One thread adds (the indexer, before the documents are applied); others read. A key a reader
 * must find was added before the index reported the document applied (a volatile write the reader
 * has seen), so it is visible; until then the ingest sequencer finds it among its recent writes.
 */
final class KnownKeys {

  private static final float FPP = 0.01f;
  private static final int MIN_CAPACITY = 1 << 16;

  private final String field;
  private volatile List<FuzzySet> sets;
  private int capacity;
  private int count;

  /** Empty, sized for {@code expected} values before it first grows. */
  KnownKeys(String field, int expected) {
    this.field = field;
    this.capacity = Math.max(1, expected);
    this.sets = List.of(FuzzySet.createOptimalSet(capacity, FPP));
  }

  /** Reads every value of {@code field} in the index (deleted documents' too: harmless). */
  static KnownKeys load(IndexReader reader, String field) throws IOException {
    List<BytesRef> values = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum each = terms.iterator();
      for (BytesRef term = each.next(); term != null; term = each.next()) {
        values.add(BytesRef.deepCopyOf(term));
      }
    }
    KnownKeys keys = new KnownKeys(field, Math.max(MIN_CAPACITY, values.size() * 2));
    values.forEach(keys::add);
    return keys;
  }

  String field() {
    return field;
  }

  /** False when no document of the index has {@code value}; true when one may. */
  boolean mayContain(String value) {
    BytesRef bytes = new BytesRef(value);
    for (FuzzySet set : sets) {
      if (set.contains(bytes) == FuzzySet.ContainsResult.MAYBE) {
        return true;
      }
    }
    return false;
  }

  /** Called by the one thread that applies documents, before it applies them. */
  void add(String value) {
    add(new BytesRef(value));
  }

  private void add(BytesRef value) {
    if (count == capacity) {
      capacity *= 2;
      count = 0;
      List<FuzzySet> grown = new ArrayList<>(sets);
      grown.add(FuzzySet.createOptimalSet(capacity, FPP));
      sets = List.copyOf(grown);
    }
    try {
      sets.getLast().addValue(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // declared by the codec API; never thrown in memory
    }
    count++;
  }
}
