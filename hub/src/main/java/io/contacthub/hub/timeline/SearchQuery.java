package io.contacthub.hub.timeline;

import static io.contacthub.hub.timeline.TimelineFields.CHANNEL;
import static io.contacthub.hub.timeline.TimelineFields.CONVERSATION;
import static io.contacthub.hub.timeline.TimelineFields.CUSTOMER;
import static io.contacthub.hub.timeline.TimelineFields.DIRECTION;
import static io.contacthub.hub.timeline.TimelineFields.SUBJECT;
import static io.contacthub.hub.timeline.TimelineFields.TEXT;
import static io.contacthub.hub.timeline.TimelineFields.TYPE;
import static io.contacthub.hub.timeline.TimelineFields.TYPE_INTERACTION;

import io.contacthub.connector.Channel;
import io.contacthub.hub.model.SearchRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a {@link SearchRequest} into a Lucene query: the free text must match and scores; every
 * filter is a non-scoring FILTER clause (cacheable, and it does not distort relevance).
 */
final class SearchQuery {

  /** A word in the subject says more about a message than the same word in its body. */
  private static final Map<String, Float> FIELD_WEIGHTS = Map.of(SUBJECT, 2f, TEXT, 1f);

  private final Analyzer analyzer;

  SearchQuery(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * The free-text part, or null when the request has no searchable words (then it matches every
   * interaction). The simple syntax has no errors: any input parses.
   */
  Query text(String query) {
    if (query == null || query.isBlank()) {
      return null;
    }
    SimpleQueryParser parser = new SimpleQueryParser(analyzer, FIELD_WEIGHTS);
    parser.setDefaultOperator(Occur.MUST); // every word must appear, like a web search box
    Query parsed = parser.parse(query);
    return parsed instanceof MatchNoDocsQuery ? null : parsed;
  }

  /** The text (may be null) combined with the request's filters. */
  Query build(SearchRequest request, Query text) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(new TermQuery(new Term(TYPE, TYPE_INTERACTION)), Occur.FILTER);
    if (text != null) {
      query.add(text, Occur.MUST);
    }
    if (request.customerIds() != null) {
      query.add(TimelineFields.anyOf(CUSTOMER, request.customerIds()), Occur.FILTER);
    }
    if (request.channels() != null) {
      List<String> channels = request.channels().stream().map(Channel::wireName).toList();
      query.add(TimelineFields.anyOf(CHANNEL, channels), Occur.FILTER);
    }
    if (request.direction() != null) {
      query.add(new TermQuery(new Term(DIRECTION, request.direction().wireName())), Occur.FILTER);
    }
    if (request.conversationId() != null) {
      query.add(new TermQuery(new Term(CONVERSATION, request.conversationId())), Occur.FILTER);
    }
    if (request.from() != null || request.to() != null) {
      query.add(
          TimelineFields.occurredBetween(
              request.from() == null ? Long.MIN_VALUE : firstMilliAtOrAfter(request.from()),
              request.to() == null ? Long.MAX_VALUE : lastMilliBefore(request.to())),
          Occur.FILTER);
    }
    return query.build();
  }

  /** {@code from} is inclusive; times are indexed in whole milliseconds. */
  private static long firstMilliAtOrAfter(Instant from) {
    long millis = from.toEpochMilli();
    return from.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  /** {@code to} is exclusive, so consecutive ranges never count an interaction twice. */
  private static long lastMilliBefore(Instant to) {
    long millis = to.toEpochMilli();
    return to.getNano() % 1_000_000 == 0 ? millis - 1 : millis;
  }
}
