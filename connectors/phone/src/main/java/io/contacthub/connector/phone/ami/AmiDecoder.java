package io.contacthub.connector.phone.ami;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the AMI wire format from any chunking of the stream: a banner line ({@code Asterisk Call
 * Manager/x.y}), then packets of {@code Key: Value} lines ended by CRLF, each packet ended by an
 * empty line. Bare LF line ends are accepted too.
 */
public final class AmiDecoder {

  /** A line longer than this is not AMI: the connection is reset rather than buffered on. */
  static final int MAX_LINE = 64 * 1024;

  private final Consumer<String> banner;
  private final Consumer<AmiMessage> messages;
  private final StringBuilder line = new StringBuilder();
  private List<Map.Entry<String, String>> fields = new ArrayList<>();
  private boolean bannerSeen;

  public AmiDecoder(Consumer<String> banner, Consumer<AmiMessage> messages) {
    this.banner = banner;
    this.messages = messages;
  }

  /** Feeds received bytes; throws {@link IllegalStateException} on an oversized line. */
  public void feed(Buffer chunk) {
    // AMI is ASCII with UTF-8 caller names; decoding per line keeps multi-byte names whole.
    String text = chunk.toString(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        line(line.toString());
        line.setLength(0);
      } else {
        line.append(c);
        if (line.length() > MAX_LINE) {
          throw new IllegalStateException("AMI line longer than " + MAX_LINE + " characters");
        }
      }
    }
  }

  private void line(String l) {
    if (!bannerSeen && fields.isEmpty() && l.startsWith("Asterisk Call Manager")) {
      bannerSeen = true;
      banner.accept(l);
      return;
    }
    if (l.isEmpty()) {
      if (!fields.isEmpty()) {
        AmiMessage m = new AmiMessage(fields);
        fields = new ArrayList<>();
        messages.accept(m);
      }
      return;
    }
    int colon = l.indexOf(':');
    if (colon <= 0) {
      return; // command output lines of "Response: Follows"; nothing this client asks for
    }
    fields.add(Map.entry(l.substring(0, colon).strip(), l.substring(colon + 1).strip()));
  }
}
