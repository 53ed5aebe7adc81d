package io.contacthub.hub.offers.match;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * A rule's text condition, parsed once at load, with the terms a message must contain for it to
 * possibly match (the percolator's pre-filter). A query whose match does not need one of its terms
 * (a wildcard, match-all) is {@code alwaysCandidate}: it is run against every message.
 */
record RuleQuery(Query query, Set<String> terms, boolean alwaysCandidate) {

  static final String FIELD = "text";
  private static final OfferTextAnalyzer ANALYZER = new OfferTextAnalyzer();

  /** Parses the classic Lucene syntax; a syntax error is an {@link IllegalArgumentException}. */
  static RuleQuery parse(String text) {
    QueryParser parser = new QueryParser(FIELD, ANALYZER);
    Query query;
    try {
      query = parser.parse(text);
    } catch (ParseException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new IllegalArgumentException(message.lines().findFirst().orElse(message), e);
    }
    Set<String> terms = new HashSet<>();
    boolean[] unsure = {false};
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query q, Term... ts) {
            for (Term t : ts) {
              terms.add(t.text());
            }
          }

          @Override
          public void consumeTermsMatching(
              Query q, String field, Supplier<ByteRunAutomaton> automaton) {
            unsure[0] = true;
          }

          @Override
          public void visitLeaf(Query q) {
            unsure[0] = true;
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            // A term that must not occur is no reason to look at the rule.
            return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    return new RuleQuery(query, Set.copyOf(terms), unsure[0]);
  }

  static OfferTextAnalyzer analyzer() {
    return ANALYZER;
  }
}
