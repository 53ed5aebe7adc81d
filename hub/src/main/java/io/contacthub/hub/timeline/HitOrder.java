package io.contacthub.hub.timeline;

import io.contacthub.hub.model.SearchRequest;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/** How hits are ordered, and how the last hit of a page becomes a cursor and back. */
enum HitOrder {
  /** Newest first; the same order as the index sort, so Lucene can stop early. */
  TIME(TimelineFields.NEWEST_FIRST) {
    @Override
    Object primaryValue(PageCursor cursor) {
      return cursor.primary();
    }

    @Override
    long primaryBits(Object value) {
      return (Long) value;
    }
  },
  /** Best score first; the sequence number keeps equal scores in a stable order. */
  RELEVANCE(new Sort(SortField.FIELD_SCORE, TimelineFields.SEQ_DESC)) {
    @Override
    Object primaryValue(PageCursor cursor) {
      return Float.intBitsToFloat((int) cursor.primary());
    }

    @Override
    long primaryBits(Object value) {
      return Float.floatToIntBits((Float) value);
    }
  };

  private final Sort sort;

  HitOrder(Sort sort) {
    this.sort = sort;
  }

  static HitOrder of(SearchRequest.Sort sort) {
    return sort == SearchRequest.Sort.TIME ? TIME : RELEVANCE;
  }

  Sort sort() {
    return sort;
  }

  /** The search-after position; ties on every sort value count as already returned. */
  FieldDoc after(PageCursor cursor) {
    return new FieldDoc(
        Integer.MAX_VALUE, Float.NaN, new Object[] {primaryValue(cursor), cursor.seq()});
  }

  PageCursor cursorOf(FieldDoc last) {
    return new PageCursor(primaryBits(last.fields[0]), (Long) last.fields[1]);
  }

  abstract Object primaryValue(PageCursor cursor);

  abstract long primaryBits(Object value);
}
