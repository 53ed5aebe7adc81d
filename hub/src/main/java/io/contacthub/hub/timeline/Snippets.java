package io.contacthub.hub.timeline;

import io.contacthub.hub.model.Interaction;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Short HTML snippets for search hits: matches wrapped in {@code <mark>}, everything else escaped
 * (customer text is hostile). Highlights by re-analysing the text of the page's hits rather than
 * storing offsets in the index: a page is at most {@code MAX_LIMIT} short messages, and the index
 * stays smaller.
 */
final class Snippets {

  /** Target snippet length in characters. */
  static final int LENGTH = 160;

  private final UnifiedHighlighter highlighter;

  Snippets(Analyzer analyzer) {
    this.highlighter =
        UnifiedHighlighter.builderWithoutSearcher(analyzer)
            .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
            .withBreakIterator(
                () ->
                    LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), LENGTH, 0.3f))
            .withMaxNoHighlightPassages(0)
            .withHandleMultiTermQuery(true)
            .withHighlightPhrasesStrictly(true)
            .build();
  }

  /**
   * The snippet of a hit: the best passage of the text that matches {@code text} (a query over
   * subject and text), else of the subject, else of the agents' notes; without a match (or query),
   * the start of the text.
   */
  String snippet(Query text, Interaction interaction) throws IOException {
    if (text != null) {
      String highlighted = highlight(TimelineFields.TEXT, text, interaction.text());
      if (highlighted == null) {
        highlighted = highlight(TimelineFields.SUBJECT, text, interaction.subject());
      }
      if (highlighted == null) {
        highlighted = highlight(TimelineFields.TEXT, text, interaction.notesText());
      }
      if (highlighted != null) {
        return highlighted;
      }
    }
    String body = interaction.text();
    return lead(body == null || body.isBlank() ? interaction.subject() : body);
  }

  private String highlight(String field, Query text, String content) throws IOException {
    if (content == null || content.isEmpty()) {
      return null;
    }
    return (String) highlighter.highlightWithoutSearcher(field, text, content, 1);
  }

  /** The first {@link #LENGTH} characters, cut at a space when one is near, escaped. */
  private static String lead(String content) {
    if (content == null) {
      return "";
    }
    String trimmed = content.strip();
    if (trimmed.length() <= LENGTH) {
      return escape(trimmed);
    }
    int end = trimmed.lastIndexOf(' ', LENGTH);
    if (end < LENGTH / 2) {
      end = Character.isHighSurrogate(trimmed.charAt(LENGTH - 1)) ? LENGTH - 1 : LENGTH;
    }
    return escape(trimmed.substring(0, end).strip()) + "…";
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#x27;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
