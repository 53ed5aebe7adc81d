package io.contacthub.connector.email.html;

import java.util.Locale;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes mail HTML safe to show to agents (see docs/decisions/0003): an allow-list keeps text
 * formatting, tables, links and images, and drops scripts, event handlers, forms, styles and every
 * non-http(s)/mailto URL. Remote images are disarmed (their URL kept in {@value #BLOCKED_SRC}) so a
 * tracking pixel loads only when an agent allows it; {@code cid:} images are pointed at the stored
 * attachment.
 */
public final class HtmlSanitizer {

  public static final String BLOCKED_SRC = "data-blocked-src";

  /** Sanitized HTML and how many remote images were blocked. */
  public record Result(String html, int blockedImages) {}

  private static final Safelist SAFELIST =
      Safelist.relaxed()
          .addTags("hr", "font", "center", "s", "abbr")
          .addAttributes(":all", "dir", "align", "lang")
          .addAttributes("font", "color", "face", "size")
          .addAttributes("table", "border", "cellpadding", "cellspacing", "bgcolor")
          .addAttributes("tr", "valign", "bgcolor")
          .addAttributes("td", "valign", "bgcolor")
          .addAttributes("th", "valign", "bgcolor")
          .addProtocols("img", "src", "cid")
          .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
          .addEnforcedAttribute("a", "target", "_blank");

  private HtmlSanitizer() {}

  /**
   * @param inlineUrl the hub URL of an inline image by Content-ID, or null when it was not stored
   */
  public static Result sanitize(String html, Function<String, String> inlineUrl) {
    Document clean = new Cleaner(SAFELIST).clean(Jsoup.parse(html));
    int blocked = 0;
    for (Element img : clean.select("img")) {
      String src = img.attr("src");
      String lower = src.toLowerCase(Locale.ROOT);
      img.removeAttr("src");
      if (lower.startsWith("cid:")) {
        String url = inlineUrl.apply(Cids.decode(src.substring(4)));
        if (url != null) {
          img.attr("src", url);
        }
      } else if (lower.startsWith("http:") || lower.startsWith("https:")) {
        img.attr(BLOCKED_SRC, src);
        blocked++;
      }
    }
    clean.outputSettings().prettyPrint(false);
    return new Result(clean.body().html(), blocked);
  }
}
