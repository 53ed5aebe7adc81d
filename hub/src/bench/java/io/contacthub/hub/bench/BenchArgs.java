package io.contacthub.hub.bench;

import ch.qos.logback.classic.Level;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The channel benchmarks' command line ({@code --name value} pairs) and quiet logging. */
final class BenchArgs {

  private BenchArgs() {}

  /**
   * Parses {@code --name value} pairs, and turns the bench's own libraries (Netty, Vert.x) down to
   * warnings, which would log at debug level without a configuration.
   */
  static Map<String, String> parse(String[] args) {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return a;
  }
}
