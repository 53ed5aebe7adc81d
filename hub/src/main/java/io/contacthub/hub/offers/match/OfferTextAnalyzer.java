package io.contacthub.hub.offers.match;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis of message text and of rule queries: the same as the timeline's (word boundaries,
 * lower case, accents folded, no stemming), so a rule behaves like the agent's search box. Rule
 * authors write {@code rate*} to catch "rate" and "rates".
 */
final class OfferTextAnalyzer extends Analyzer {

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
  }
}
