package io.contacthub.hub.timeline;

import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.TimelinePage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Pages through customers' interactions, newest first. The order is the index sort, so each segment
 * stops after the page is full; a cursor also becomes a time range that the index sort resolves by
 * binary search, so page 50,000 costs about what page 1 does. No total is counted. Items stay the
 * stored JSON, unparsed.
 */
final class TimelinePager {

  private TimelinePager() {}

  static TimelinePage page(
      IndexSearcher searcher, Set<String> customerIds, String cursor, int limit)
      throws IOException {
    long fingerprint = PageCursor.fingerprint("timeline", PageCursor.setPart(customerIds));
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(TimelineFields.anyOf(TimelineFields.CUSTOMER, customerIds), Occur.FILTER);
    FieldDoc after = null;
    if (cursor != null && !cursor.isEmpty()) {
      PageCursor position = PageCursor.decode(cursor, fingerprint);
      after = HitOrder.TIME.after(position);
      query.add(TimelineFields.occurredBetween(Long.MIN_VALUE, position.primary()), Occur.FILTER);
    }
    int size = Math.clamp(limit, 1, SearchRequest.MAX_LIMIT);
    TopFieldDocs docs =
        searcher.search(
            query.build(),
            new TopFieldCollectorManager(TimelineFields.NEWEST_FIRST, size + 1, after, size + 1));

    int count = Math.min(size, docs.scoreDocs.length);
    StoredFields stored = searcher.storedFields();
    List<byte[]> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(TimelineDocuments.jsonBytes(stored, docs.scoreDocs[i].doc));
    }
    String next =
        docs.scoreDocs.length > size
            ? HitOrder.TIME.cursorOf((FieldDoc) docs.scoreDocs[size - 1]).encode(fingerprint)
            : null;
    return new TimelinePage(items, next);
  }
}
