package io.contacthub.hub.timeline;

import java.util.Collection;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Field names of the timeline index, the order its segments are sorted in, and filters on them. */
final class TimelineFields {

  /** Document type and id: unique across types, the key every update replaces by. */
  static final String UID = "uid";

  static final String TYPE = "type";
  static final String JSON = "json";

  static final String DEDUPE = "dedupe";
  static final String CUSTOMER = "customer";
  static final String CONVERSATION = "conversation";
  static final String CHANNEL = "channel";
  static final String DIRECTION = "direction";
  static final String KIND = "kind";
  static final String THREAD_KEY = "thread";
  static final String OCCURRED_AT = "occurredAt";
  static final String SEQ = "seq";
  static final String SUBJECT = "subject";
  static final String TEXT = "text";

  static final String TYPE_INTERACTION = "interaction";
  static final String TYPE_CUSTOMER = "customer";
  static final String TYPE_CONVERSATION = "conversation";

  /** Customer and conversation documents have no time; the missing value sorts them last. */
  private static final SortField OCCURRED_AT_DESC = newestFirst();

  /** The log sequence number: the tiebreak that keeps cursors stable. */
  static final SortField SEQ_DESC = seqDesc();

  /**
   * The index sort: newest first, then the highest sequence number. Because segments are sorted
   * this way, a timeline page stops after {@code limit} hits per segment and a cursor or time range
   * is a binary search over doc values instead of a scan; see {@link LuceneTimelineIndex} for why
   * points-based sort skipping alone is not enough.
   */
  static final Sort NEWEST_FIRST = new Sort(OCCURRED_AT_DESC, SEQ_DESC);

  /** Merged customers, channels and thread keys: a handful of values each. */
  private static final int SMALL_SET = 32;

  private TimelineFields() {}

  static String uid(String type, String id) {
    return type + ":" + id;
  }

  /** Documents with any of these values in a keyword field; none for an empty collection. */
  static Query anyOf(String field, Collection<String> values) {
    if (values.isEmpty()) {
      return new MatchNoDocsQuery("no " + field + " to match");
    }
    if (values.size() == 1) {
      return new TermQuery(new Term(field, values.iterator().next()));
    }
    if (values.size() > SMALL_SET) {
      return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }
    // A lazy disjunction: TermInSetQuery would collect a term with a million postings (a big
    // customer) into a bit set first, which costs 10+ ms even when the page needs 20 hits.
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    values.forEach(v -> any.add(new TermQuery(new Term(field, v)), BooleanClause.Occur.SHOULD));
    return new ConstantScoreQuery(any.build());
  }

  /** Interactions with {@code from <= occurredAt <= to} (epoch millis). */
  static Query occurredBetween(long from, long to) {
    // Stay above the missing value so customer and conversation documents never match.
    long lower = Math.max(from, Long.MIN_VALUE + 1);
    return new IndexSortSortedNumericDocValuesRangeQuery(
        OCCURRED_AT, lower, to, LongField.newRangeQuery(OCCURRED_AT, lower, to));
  }

  private static SortField newestFirst() {
    SortField field = LongField.newSortField(OCCURRED_AT, true, SortedNumericSelector.Type.MAX);
    field.setMissingValue(Long.MIN_VALUE);
    return field;
  }

  private static SortField seqDesc() {
    SortField field = new SortField(SEQ, SortField.Type.LONG, true);
    field.setMissingValue(Long.MIN_VALUE);
    return field;
  }
}
