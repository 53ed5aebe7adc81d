package io.contacthub.connector.email.html;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Plain text of an HTML mail body, for HTML-only mail: block elements become line breaks and
 * blockquotes become "> " lines, so quoted replies collapse like in plain mail.
 */
public final class HtmlText {

  private static final Set<String> SKIPPED =
      Set.of("head", "script", "style", "title", "template", "noscript", "object", "svg");
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "table",
          "tr",
          "ul",
          "ol",
          "li",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "pre",
          "hr",
          "section",
          "article",
          "header",
          "footer",
          "dl",
          "dt",
          "dd",
          "address",
          "center",
          "form",
          "fieldset");

  private HtmlText() {}

  public static String toText(String html) {
    StringBuilder out = new StringBuilder();
    render(Jsoup.parse(html).body(), out, false);
    return tidy(out.toString());
  }

  private static void render(Node node, StringBuilder out, boolean pre) {
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode t) {
        appendText(out, pre ? t.getWholeText() : t.text());
      } else if (child instanceof Element e) {
        String tag = e.normalName().toLowerCase(Locale.ROOT);
        if (SKIPPED.contains(tag)) {
          continue;
        }
        switch (tag) {
          case "br" -> out.append('\n');
          case "td", "th" -> {
            appendText(out, " ");
            render(e, out, pre);
          }
          case "blockquote" -> {
            StringBuilder inner = new StringBuilder();
            render(e, inner, pre);
            lineBreak(out);
            for (String line : tidy(inner.toString()).split("\n", -1)) {
              out.append(line.isEmpty() ? ">" : "> " + line).append('\n');
            }
          }
          default -> {
            boolean block = BLOCKS.contains(tag);
            if (block) {
              lineBreak(out);
            }
            if (tag.equals("li")) {
              out.append("- ");
            }
            render(e, out, pre || tag.equals("pre"));
            if (block) {
              lineBreak(out);
            }
          }
        }
      }
    }
  }

  private static void appendText(StringBuilder out, String text) {
    if (text.isEmpty()) {
      return;
    }
    boolean atLineStart = out.isEmpty() || out.charAt(out.length() - 1) == '\n';
    boolean afterSpace = !out.isEmpty() && out.charAt(out.length() - 1) == ' ';
    if ((atLineStart || afterSpace) && text.startsWith(" ")) {
      text = text.stripLeading();
    }
    out.append(text);
  }

  private static void lineBreak(StringBuilder out) {
    if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }

  /** Trailing spaces off every line, at most one blank line in a row, no outer blank lines. */
  private static String tidy(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int blank = 0;
    for (String line : s.replace('\u00a0', ' ').split("\n", -1)) {
      String l = line.stripTrailing();
      if (l.isEmpty()) {
        if (++blank > 1) {
          continue;
        }
      } else {
        blank = 0;
      }
      out.append(l).append('\n');
    }
    return out.toString().strip();
  }
}
