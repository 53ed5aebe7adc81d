package io.contacthub.hub.stream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which conversations' content events (interaction.*, conversation.*, customer.*) a connection
 * gets, set by the client's {@code {"type":"stream.filter","conversations":...,"watch":[...]}}
 * frame: {@code all} (the default), {@code queues} (its own, plus those waiting in a queue the
 * agent serves) or {@code mine} (offered or assigned to the agent); watched conversations come on
 * top in every mode.
 */
record StreamFilter(Mode mode, Set<String> watch) {

  static final String TYPE = "stream.filter";
  static final int MAX_WATCH = 500;
  static final StreamFilter ALL = new StreamFilter(Mode.ALL, Set.of());

  enum Mode {
    ALL,
    QUEUES,
    MINE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  StreamFilter {
    watch = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(watch));
  }

  /** Reads a filter frame; throws IllegalArgumentException with what is wrong. */
  static StreamFilter parse(JsonObject frame) {
    Object conversations = frame.getValue("conversations");
    if (!(conversations instanceof String name)) {
      throw new IllegalArgumentException(
          "stream.filter needs \"conversations\": \"all\", \"queues\" or \"mine\"");
    }
    Mode mode =
        switch (name) {
          case "all" -> Mode.ALL;
          case "queues" -> Mode.QUEUES;
          case "mine" -> Mode.MINE;
          default ->
              throw new IllegalArgumentException(
                  "\"conversations\" must be \"all\", \"queues\" or \"mine\", not \""
                      + name
                      + "\"");
        };
    Object watch = frame.getValue("watch");
    Set<String> ids = new LinkedHashSet<>();
    if (watch != null) {
      if (!(watch instanceof JsonArray list)) {
        throw new IllegalArgumentException("\"watch\" must be an array of conversation ids");
      }
      for (Object id : list) {
        if (!(id instanceof String s) || s.isBlank()) {
          throw new IllegalArgumentException("\"watch\" must hold conversation ids (strings)");
        }
        ids.add(s);
      }
      if (ids.size() > MAX_WATCH) {
        throw new IllegalArgumentException(
            "\"watch\" may name at most " + MAX_WATCH + " conversations");
      }
    }
    return new StreamFilter(mode, ids);
  }

  /** The effective filter, as echoed to the client. */
  JsonObject toJson() {
    return new JsonObject()
        .put("type", TYPE)
        .put("conversations", mode.wireName())
        .put("watch", new JsonArray(watch.stream().toList()));
  }
}
