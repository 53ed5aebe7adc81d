package io.contacthub.connector.email.mime;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Turns body bytes into text, forgiving the charset labels real mailers send. */
final class TextDecoder {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /**
   * Charsets by label, unknown ones included: the JDK instantiates its extended charset provider
   * anew for every lookup outside the standard set. Bounded, as labels come from senders.
   */
  private static final Map<String, Optional<Charset>> CHARSETS = new ConcurrentHashMap<>();

  private static final int MAX_CACHED_CHARSETS = 256;

  private TextDecoder() {}

  static String decode(byte[] bytes, ContentType type, List<String> warnings) {
    String label = type == null ? null : type.getParameter("charset");
    Charset charset = charset(label, warnings);
    String text;
    if (charset == null) {
      text = guess(bytes);
    } else {
      text = new String(bytes, charset);
    }
    if (type != null && "flowed".equalsIgnoreCase(type.getParameter("format"))) {
      text = unflow(text, "yes".equalsIgnoreCase(type.getParameter("delsp")));
    }
    return text;
  }

  /**
   * The charset to decode with, or null to guess. ISO-8859-1 and US-ASCII labels are widened to
   * windows-1252 and a guess, because mailers put 0x80-0x9F quotes and 8-bit text under them.
   */
  private static Charset charset(String label, List<String> warnings) {
    if (label == null || label.isBlank()) {
      return null;
    }
    String name = label.trim().toLowerCase(Locale.ROOT);
    if (name.equals("us-ascii") || name.equals("ascii")) {
      return null;
    }
    if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("iso8859-1")) {
      return WINDOWS_1252;
    }
    Optional<Charset> charset = CHARSETS.get(name);
    if (charset == null) {
      charset = lookup(label.trim());
      if (CHARSETS.size() < MAX_CACHED_CHARSETS) {
        CHARSETS.put(name, charset);
      }
    }
    if (charset.isEmpty()) {
      warnings.add("unknown charset " + label.trim() + "; decoded by guess");
    }
    return charset.orElse(null);
  }

  private static Optional<Charset> lookup(String label) {
    try {
      return Optional.of(Charset.forName(MimeUtility.javaCharset(label)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** UTF-8 when the bytes are valid UTF-8, else windows-1252 (which maps every byte). */
  static String guess(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, WINDOWS_1252);
    }
  }

  /** Joins the soft line breaks of format=flowed text (RFC 3676). */
  static String unflow(String text, boolean delSp) {
    String[] lines = text.split("\r?\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith(" ")) {
        line = line.substring(1); // space-stuffing
      }
      boolean soft = line.endsWith(" ") && !line.equals("-- ") && i < lines.length - 1;
      if (soft) {
        out.append(delSp ? line.substring(0, line.length() - 1) : line);
      } else {
        out.append(line);
        if (i < lines.length - 1) {
          out.append('\n');
        }
      }
    }
    return out.toString();
  }
}
