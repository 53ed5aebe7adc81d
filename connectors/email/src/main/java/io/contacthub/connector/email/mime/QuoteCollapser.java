package io.contacthub.connector.email.mime;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the part of a reply its author wrote: the quoted earlier mail and the signature are
 * collapsed for display, while the full text stays on the interaction. Forwarded content is never
 * collapsed, since it is what the sender wants read.
 */
public final class QuoteCollapser {

  /** The visible text and what was cut from it. */
  public record Result(String visibleText, boolean quoteCollapsed, boolean signatureCollapsed) {}

  /** "On <date>, <name> wrote:" in the languages customers write in most. */
  private static final Pattern ATTRIBUTION =
      Pattern.compile(
          "^(On|Am|Le|El|Il|Op|Den|På|W dniu)\\s.{4,300}"
              + "(wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev|napisał)\\b.{0,200}:\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern ORIGINAL_MESSAGE =
      Pattern.compile(
          "^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)"
              + "\\s*-{2,}\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** Outlook's header block: "From: ..." followed by "Sent:" or "Date:" within two lines. */
  private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\*?(From|Von|De):\\*?\\s.+");

  private static final Pattern OUTLOOK_SENT =
      Pattern.compile("^\\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado):\\*?\\s.+");

  private static final Pattern FORWARD_MARKER =
      Pattern.compile(
          "^(-{2,}\\s*(Forwarded message|Forwarded Message|Weitergeleitete Nachricht|"
              + "Message transféré|Mensaje reenviado)\\s*-{2,}|Begin forwarded message:)\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern FORWARD_SUBJECT =
      Pattern.compile("^(fwd?|wg|tr|rv|fw)\\s*:.*", Pattern.CASE_INSENSITIVE);

  private static final Pattern SEPARATOR = Pattern.compile("^_{10,}\\s*$");

  private static final Pattern MOBILE_SIGNATURE =
      Pattern.compile(
          "^(Sent from my \\w+.*|Von meinem \\w+ gesendet.*|Envoyé de mon \\w+.*|Get Outlook for .+)$",
          Pattern.CASE_INSENSITIVE);

  private QuoteCollapser() {}

  /**
   * @param subject the mail's subject: a forward ("Fwd:", "WG:") keeps its quoted header block,
   *     which Outlook writes exactly like a reply's
   */
  public static Result collapse(String text, String subject) {
    if (text == null || text.isBlank()) {
      return new Result(text == null ? "" : text, false, false);
    }
    List<String> lines = Arrays.asList(text.replace("\r\n", "\n").split("\n", -1));
    boolean forward = subject != null && FORWARD_SUBJECT.matcher(subject.strip()).matches();
    int quoteStart = forward ? -1 : quoteStart(lines);
    boolean quote = false;
    List<String> visible = lines;
    if (quoteStart >= 0 && hasContent(lines.subList(0, quoteStart))) {
      visible = lines.subList(0, quoteStart);
      quote = true;
    } else if (quoteStart >= 0) {
      // Bottom-posted or interleaved: keep the author's lines, drop the quoted ones.
      visible = lines.stream().filter(l -> !l.startsWith(">")).toList();
      visible = withoutAttribution(visible);
      quote = visible.size() != lines.size();
    }
    int signature = signatureStart(visible);
    boolean sig = signature >= 0 && hasContent(visible.subList(0, signature));
    if (sig) {
      visible = visible.subList(0, signature);
    }
    return new Result(String.join("\n", visible).strip(), quote, sig);
  }

  private static int quoteStart(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (FORWARD_MARKER.matcher(line).matches()) {
        return -1;
      }
      String twoLines = i + 1 < lines.size() ? line + " " + lines.get(i + 1).strip() : line;
      if (ATTRIBUTION.matcher(line).matches() || ATTRIBUTION.matcher(twoLines).matches()) {
        return i;
      }
      if (ORIGINAL_MESSAGE.matcher(line).matches()) {
        return i;
      }
      if (OUTLOOK_FROM.matcher(line).matches() && followedBySent(lines, i)) {
        return i > 0 && SEPARATOR.matcher(lines.get(i - 1).strip()).matches() ? i - 1 : i;
      }
      if (line.startsWith(">") && onlyQuotesFollow(lines, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean followedBySent(List<String> lines, int from) {
    for (int j = from + 1; j <= from + 2 && j < lines.size(); j++) {
      if (OUTLOOK_SENT.matcher(lines.get(j).strip()).matches()) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyQuotesFollow(List<String> lines, int from) {
    for (int j = from; j < lines.size(); j++) {
      String l = lines.get(j);
      if (!l.isBlank() && !l.startsWith(">")) {
        return false;
      }
    }
    return true;
  }

  private static List<String> withoutAttribution(List<String> lines) {
    return lines.stream().filter(l -> !ATTRIBUTION.matcher(l.strip()).matches()).toList();
  }

  /** The RFC 3676 delimiter "-- " (or a bare "--"), or a trailing mobile signature line. */
  private static int signatureStart(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String l = lines.get(i);
      if (l.equals("-- ") || l.equals("--")) {
        return i;
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      String l = lines.get(i).strip();
      if (l.isEmpty()) {
        continue;
      }
      return MOBILE_SIGNATURE.matcher(l).matches() ? i : -1;
    }
    return -1;
  }

  private static boolean hasContent(List<String> lines) {
    return lines.stream().anyMatch(l -> !l.isBlank());
  }
}
