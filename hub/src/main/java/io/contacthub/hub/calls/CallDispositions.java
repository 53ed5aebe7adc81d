package io.contacthub.hub.calls;

import io.contacthub.hub.config.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The disposition codes agents may give a call ({@code phone.dispositions}): a YAML list, or a
 * comma-separated string when set through {@code HUB_PHONE_DISPOSITIONS}. Checked at start, so a
 * typo fails the start rather than every agent's wrap-up.
 */
public record CallDispositions(List<String> codes) {

  static final String KEY = "phone.dispositions";
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final List<String> DEFAULTS =
      List.of("resolved", "callback", "escalated", "voicemail", "wrong-number", "no-answer");

  public CallDispositions {
    codes = List.copyOf(codes);
  }

  /** From the hub's {@code phone} section; the defaults when it names none. */
  public static CallDispositions from(JsonObject phoneSection) {
    Object value = phoneSection.getValue("dispositions");
    List<String> raw =
        switch (value) {
          case null -> DEFAULTS;
          case JsonArray a -> a.stream().map(String::valueOf).toList();
          case String s -> Arrays.stream(s.split(",")).map(String::trim).toList();
          default -> throw invalid("a list of codes, got " + value);
        };
    Set<String> codes = new LinkedHashSet<>();
    for (String code : raw) {
      if (!CODE.matcher(code).matches()) {
        throw invalid("codes of lower-case letters, digits, '-' and '_'; got '" + code + "'");
      }
      codes.add(code);
    }
    if (codes.isEmpty()) {
      throw invalid("at least one code");
    }
    return new CallDispositions(List.copyOf(codes));
  }

  public boolean allows(String code) {
    return codes.contains(code);
  }

  private static ConfigException invalid(String expected) {
    return new ConfigException(
        "config key " + KEY + " (env HUB_PHONE_DISPOSITIONS): expected " + expected);
  }
}
