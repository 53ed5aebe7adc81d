package io.contacthub.connector.email.html;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Content-ID matching: a {@code cid:} URL is URL-encoded (RFC 2392) and compared ignoring case. */
public final class Cids {

  private Cids() {}

  public static String decode(String cidUrlPart) {
    return URLDecoder.decode(cidUrlPart.replace("+", "%2B"), StandardCharsets.UTF_8)
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  public static String normalize(String contentId) {
    return contentId.strip().toLowerCase(Locale.ROOT);
  }
}
