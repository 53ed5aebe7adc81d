package io.contacthub.hub.timeline;

import io.contacthub.hub.model.Interaction;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/** Point lookups by key, and full scans of one document type. */
final class DocumentLookups {

  private DocumentLookups() {}

  /** The newest interaction matching {@code query}. */
  static Optional<Interaction> newest(IndexSearcher searcher, Query query) throws IOException {
    TopDocs top =
        searcher.search(query, new TopFieldCollectorManager(TimelineFields.NEWEST_FIRST, 1, 1));
    if (top.scoreDocs.length == 0) {
      return Optional.empty();
    }
    return Optional.of(
        TimelineDocuments.interaction(searcher.storedFields(), top.scoreDocs[0].doc));
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
