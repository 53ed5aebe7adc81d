package io.contacthub.hub.timeline;

import io.contacthub.hub.model.Interaction;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/** Point lookups by key, and full scans of one document type. */
final class DocumentLookups {

  private DocumentLookups() {}

  /**
   * The newest interaction matching {@code query}, a key lookup that matches a handful of
   * documents.
   *
   * <p>Not {@code searcher.search} with a sorted collector: Lucene sets up the collector (sort
   * comparators, two doc-values readers) and the query cache in every segment before it asks the
   * query whether the segment matches, and the near-real-time index has dozens of segments while a
   * key is in one or two. The sequencer runs this for every ingest (the dedupe check), where that
   * set-up was about half of its time. Here only the segments holding a match are read.
   */
  static Optional<Interaction> newest(IndexSearcher searcher, Query query) throws IOException {
    Weight weight = searcher.rewrite(query).createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, 1);
    LeafReaderContext bestLeaf = null;
    int bestDoc = -1;
    long bestTime = Long.MIN_VALUE;
    long bestSeq = Long.MIN_VALUE;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      SortedNumericDocValues times =
          DocValues.getSortedNumeric(leaf.reader(), TimelineFields.OCCURRED_AT);
      NumericDocValues seqs = DocValues.getNumeric(leaf.reader(), TimelineFields.SEQ);
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        long time = Long.MIN_VALUE;
        if (times.advanceExact(doc)) {
          for (int i = 0; i < times.docValueCount(); i++) {
            time = Math.max(time, times.nextValue());
          }
        }
        long seq = seqs.advanceExact(doc) ? seqs.longValue() : Long.MIN_VALUE;
        // The index sort's order: newest first, then the highest seq.
        if (bestLeaf == null || time > bestTime || (time == bestTime && seq > bestSeq)) {
          bestLeaf = leaf;
          bestDoc = doc;
          bestTime = time;
          bestSeq = seq;
        }
      }
    }
    if (bestLeaf == null) {
      return Optional.empty();
    }
    return Optional.of(TimelineDocuments.interaction(bestLeaf.reader().storedFields(), bestDoc));
  }

  /** Visits the stored JSON of every live document of a type, segment by segment. */
  static void forEach(IndexSearcher searcher, String type, Consumer<JsonObject> visitor)
      throws IOException {
    Query query = new TermQuery(new Term(TimelineFields.TYPE, type));
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs(); // a bare scorer does not skip deleted documents
      StoredFields stored = leaf.reader().storedFields();
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live == null || live.get(doc)) {
          visitor.accept(TimelineDocuments.json(stored, doc));
        }
      }
    }
  }
}
