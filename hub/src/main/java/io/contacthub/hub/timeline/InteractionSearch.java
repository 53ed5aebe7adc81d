package io.contacthub.hub.timeline;

import io.contacthub.connector.Channel;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Full-text search over interactions: one page (search-after, so depth costs nothing extra), the
 * exact total and per-channel counts over all matches, and highlighted snippets.
 */
final class InteractionSearch {

  private final SearchQuery queries;
  private final Snippets snippets;

  InteractionSearch(Analyzer analyzer) {
    this.queries = new SearchQuery(analyzer);
    this.snippets = new Snippets(analyzer);
  }

  SearchResult search(IndexSearcher searcher, SearchRequest request) throws IOException {
    Query text = queries.text(request.query());
    HitOrder order =
        request.sort() != null
            ? HitOrder.of(request.sort())
            : text != null ? HitOrder.RELEVANCE : HitOrder.TIME;
    long fingerprint = fingerprint(request, order);
    FieldDoc after =
        request.cursor() == null || request.cursor().isEmpty()
            ? null
            : order.after(PageCursor.decode(request.cursor(), fingerprint));
    int limit = Math.clamp(request.limit(), 1, SearchRequest.MAX_LIMIT);
    Query query = queries.build(request, text);

    // Two passes over the same point-in-time reader. The top-N pass skips what cannot make the
    // page (block-max scores for relevance; early termination in time order, the index sort). The
    // counting pass visits every match without scoring; every interaction has one channel, so
    // the channel counts add up to the exact total. One combined pass would score every match.
    TopFieldDocs docs =
        searcher.search(
            query, new TopFieldCollectorManager(order.sort(), limit + 1, after, limit + 1));
    Map<String, Long> facets = searcher.search(query, new ChannelFacets());
    long total = facets.values().stream().mapToLong(Long::longValue).sum();

    ScoreDoc[] page = Arrays.copyOf(docs.scoreDocs, Math.min(limit, docs.scoreDocs.length));
    if (order == HitOrder.TIME && text != null) {
      TopFieldCollector.populateScores(page, searcher, query);
    }
    StoredFields stored = searcher.storedFields();
    List<SearchResult.Hit> hits = new ArrayList<>(page.length);
    for (ScoreDoc hit : page) {
      Interaction interaction = TimelineDocuments.interaction(stored, hit.doc);
      float score = Float.isNaN(hit.score) ? 0f : hit.score;
      hits.add(new SearchResult.Hit(interaction, score, snippets.snippet(text, interaction)));
    }
    String nextCursor =
        docs.scoreDocs.length > limit
            ? order.cursorOf((FieldDoc) page[limit - 1]).encode(fingerprint)
            : null;
    return new SearchResult(total, hits, facets, nextCursor);
  }

  /** Everything that decides which hits a page holds, except the cursor and the limit. */
  private static long fingerprint(SearchRequest r, HitOrder order) {
    return PageCursor.fingerprint(
        "search",
        order.name(),
        r.query() == null ? null : r.query().strip(),
        PageCursor.setPart(r.customerIds()),
        r.channels() == null
            ? null
            : PageCursor.setPart(r.channels().stream().map(Channel::wireName).toList()),
        r.direction() == null ? null : r.direction().wireName(),
        r.conversationId(),
        Objects.toString(r.from(), null),
        Objects.toString(r.to(), null));
  }
}
