package io.contacthub.connector.email.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-ID lists as in Message-ID, In-Reply-To and References headers (RFC 5322 msg-id). */
public final class MessageIds {

  private static final Pattern BRACKETED = Pattern.compile("<([^<>\\s]+)>");
  private static final Pattern BARE = Pattern.compile("[^<>\\s,;]+@[^<>\\s,;]+");
  private static final int MAX_LENGTH = 250;

  private MessageIds() {}

  /** The ids in a header value, in order, without brackets; malformed values yield nothing. */
  public static List<String> parse(String header) {
    List<String> ids = new ArrayList<>();
    if (header == null) {
      return ids;
    }
    Matcher m = BRACKETED.matcher(header);
    while (m.find()) {
      addIfValid(ids, m.group(1));
    }
    if (ids.isEmpty()) {
      // Some mailers drop the brackets; accept what still looks like local@domain.
      Matcher bare = BARE.matcher(header);
      while (bare.find()) {
        addIfValid(ids, bare.group());
      }
    }
    return ids;
  }

  public static String first(String header) {
    List<String> ids = parse(header);
    return ids.isEmpty() ? null : ids.get(0);
  }

  /** Whether an id can be written back into a header without quoting or injection risk. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c >= 127 || c == '<' || c == '>') {
        return false;
      }
    }
    return true;
  }

  private static void addIfValid(List<String> ids, String id) {
    if (isValid(id)) {
      ids.add(id);
    }
  }
}
