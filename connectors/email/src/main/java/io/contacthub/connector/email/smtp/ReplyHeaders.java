package io.contacthub.connector.email.smtp;

import io.contacthub.connector.email.mime.MessageIds;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The threading headers of a reply (RFC 5322 3.6.4): In-Reply-To names the newest mail of the
 * thread, References the thread's tail, and the subject gets one "Re: ".
 */
public record ReplyHeaders(String subject, String inReplyTo, String references) {

  /** Enough for every client to thread, short enough to stay far below line limits. */
  public static final int MAX_REFERENCES = 20;

  private static final String KEY_PREFIX = "email:";

  /** Reply prefixes of common clients and languages, possibly stacked or numbered ("Re[2]:"). */
  private static final Pattern REPLY_PREFIX =
      Pattern.compile(
          "^((re|aw|sv|antw|vs|ref|odp|r)(\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

  /**
   * @param thread the conversation's email thread keys, oldest first ({@code email:<id>}); other
   *     keys and ids that cannot be written into a header are skipped
   */
  public static ReplyHeaders of(String subject, List<String> thread) {
    List<String> ids = new ArrayList<>();
    for (String key : thread) {
      if (key.startsWith(KEY_PREFIX)) {
        String id = key.substring(KEY_PREFIX.length());
        if (!id.startsWith("sha256:") && MessageIds.isValid(id) && !ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    if (ids.isEmpty()) {
      return new ReplyHeaders(
          subject == null || subject.isBlank() ? "(no subject)" : subject.strip(), null, null);
    }
    List<String> tail = ids.subList(Math.max(0, ids.size() - MAX_REFERENCES), ids.size());
    StringBuilder refs = new StringBuilder();
    for (String id : tail) {
      if (!refs.isEmpty()) {
        refs.append(' ');
      }
      refs.append('<').append(id).append('>');
    }
    return new ReplyHeaders(
        replySubject(subject), "<" + ids.get(ids.size() - 1) + ">", refs.toString());
  }

  static String replySubject(String subject) {
    String base = subject == null ? "" : REPLY_PREFIX.matcher(subject.strip()).replaceFirst("");
    return base.isEmpty() ? "Re:" : "Re: " + base;
  }
}
